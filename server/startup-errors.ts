/**
 * A start that fails says why in the operator's terms: which dependency, where, and what to
 * do — not the driver's bare message or a query text. Connection strings never include
 * their password here.
 */
interface ErrorLike {
  message?: string;
  code?: string;
  cause?: unknown;
}

function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let cur = e; cur && typeof cur === 'object' && out.length < 5; cur = (cur as ErrorLike).cause)
    out.push(cur as ErrorLike);
  return out;
}

function where(url: string | undefined): { host: string; port: string; user: string; database: string } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return {
      host: u.hostname || 'localhost',
      port: u.port || '5432',
      user: decodeURIComponent(u.username) || process.env.USER || 'postgres',
      database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    };
  } catch {
    return null;
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN']);

export function startupFailure(e: unknown, databaseUrl = process.env.DATABASE_URL): string {
  const errors = chain(e);
  const pg = where(databaseUrl);
  const coded = errors.find((x) => typeof x.code === 'string');
  if (pg && coded?.code === '3D000')
    return `the database "${pg.database}" does not exist on PostgreSQL at ${pg.host}:${pg.port}. Create it first, e.g. \`createdb -h ${pg.host} -p ${pg.port} -U ${pg.user} ${pg.database}\`; Concord creates its tables itself.`;
  if (pg && (coded?.code === '28P01' || coded?.code === '28000'))
    return `PostgreSQL at ${pg.host}:${pg.port} refused the user "${pg.user}" of DATABASE_URL (${coded.message}).`;
  const root = errors.at(-1);
  if (root?.message?.startsWith('REDIS_URL')) return root.message;
  if (pg && coded && UNREACHABLE.has(coded.code!))
    return `PostgreSQL at ${pg.host}:${pg.port} (DATABASE_URL) is unreachable (${coded.code}). Is it running, and does DATABASE_URL name the right host and port?`;
  // Drizzle wraps a driver error as "Failed query: <sql>": the cause is what matters.
  const messages = errors.map((x) => x.message ?? String(x)).filter((m) => !m.startsWith('Failed query'));
  return messages.join(': ') || String(e);
}
