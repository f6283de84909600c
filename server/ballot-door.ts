import type { IncomingMessage, ServerResponse } from 'node:http';
import { POST as castBallot } from '../app/api/v1/votes/[voteId]/ballots/route';
import { newNonce, securityHeaders } from '../lib/http/security-headers';
import { ballotBox } from '../db/commands/ballot-box';

/**
 * The ballot box's own door: `POST /api/v1/votes/{voteId}/ballots` served by this server
 * without going through Next's request pipeline (routing, the proxy, the copied body), which
 * is where the time went when a whole committee votes in the same second. It calls the very
 * route handler Next would (app/api/v1/votes/[voteId]/ballots/route.ts: authentication, the
 * CSRF Origin check, the body limit, the schema, the use case, error mapping and answer are
 * that one implementation) with the web Request Next would build, and sends its Response
 * with the headers Next's proxy adds (proxy.ts). Anything it does not recognise exactly —
 * another method, path or spelling — goes on to Next as before.
 *
 * Outside Next there is no Next request scope: the handler and what it imports must not use
 * next/headers, next/server or next-intl's server functions (tests/integration/ballot-door
 * checks). CONCORD_BALLOT_FAST_PATH=0 leaves every ballot to Next (for an A/B in bench/).
 */
const BALLOTS = /^\/api\/v1\/votes\/([A-Za-z0-9-]{1,64})\/ballots$/;

export type Door = (req: IncomingMessage, res: ServerResponse) => boolean;

export function ballotDoor(options: { enabled?: boolean } = {}): Door {
  const enabled = options.enabled ?? process.env.CONCORD_BALLOT_FAST_PATH !== '0';
  return (req, res) => {
    if (!enabled || req.method !== 'POST') return false;
    const match = BALLOTS.exec(req.url ?? '');
    if (!match) return false;
    void serve(req, res, match[1]).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('Internal error');
      else res.destroy();
    });
    return true;
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, voteId: string): Promise<void> {
  const body = await bodyOf(req, res);
  if (body === null) return; // refused for its size (server: refuseOversizedBody), or the client left
  const host = req.headers.host ?? 'localhost';
  const request = new Request(`http://${host}${req.url}`, {
    method: 'POST',
    headers: headersOf(req),
    body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
  });
  // Announced to the ballot box, which holds its next batch (briefly) for it.
  const response = await ballotBox().arriving(() => castBallot(request, { params: Promise.resolve({ voteId }) }));
  const answer = Buffer.from(await response.arrayBuffer());
  if (res.headersSent) return; // the size limit answered meanwhile
  const headers: Record<string, string | number> = securityHeaders({
    nonce: newNonce(),
    host: req.headers.host ?? null,
    https: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    dev: process.env.NODE_ENV === 'development',
  });
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = answer.length;
  res.writeHead(response.status, headers);
  res.end(answer);
}

/** The body as it arrives (the size limit counts it on the way in); null when refused or abandoned. */
function bodyOf(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(res.headersSent ? null : Buffer.concat(chunks)));
    req.once('error', () => resolve(null));
    res.once('finish', () => resolve(null));
    res.once('close', () => resolve(null));
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}
