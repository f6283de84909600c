import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listLiveSessions, tokensOf } from '@/usecases/reads/tokens';
import { currentUser } from '@/app/_lib/current-user';
import { TokenManager } from './TokenManager';
import { SignOutEverywhere } from './SignOutEverywhere';

export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const user = await currentUser('/settings/tokens');
  const db = await getDb();
  const t = await getTranslations('tokens');
  const [tokens, sessions] = await Promise.all([tokensOf(db, user.id), listLiveSessions(db, user.id)]);
  return (
    <div className="narrow-wide">
      <h1>{t('title')}</h1>
      <p>
        {t.rich('intro', {
          header: () => <code>Authorization: Bearer &lt;token&gt;</code>,
          api: (chunks) => <a href="/api/v1/openapi.json">{chunks}</a>,
        })}
      </p>
      <TokenManager
        tokens={tokens.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
          youCan: t.youCan,
        }))}
      />
      <SignOutEverywhere sessions={sessions.length} />
    </div>
  );
}
