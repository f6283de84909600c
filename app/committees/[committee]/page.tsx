import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { committeeForUser, listDelegations, listMembers } from '@/usecases/reads/committees';
import { listResolutions } from '@/usecases/reads/resolutions';
import { can } from '@/lib/permissions';
import { STAGES } from '@/lib/resolution/types';
import { DomainError } from '@/lib/errors';
import { currentUser } from '@/app/_lib/current-user';
import { formatDateTime } from '@/app/_lib/labels';
import { NewResolutionForm } from './NewResolutionForm';
import { RosterManager } from './RosterManager';

export const dynamic = 'force-dynamic';

export default async function CommitteePage({ params }: { params: Promise<{ committee: string }> }) {
  const { committee: slug } = await params;
  const user = await currentUser(`/committees/${slug}`);
  const db = await getDb();
  const found = await committeeForUser(db, user.id, slug).catch((e) => {
    if (e instanceof DomainError && e.kind === 'not_found') return null;
    throw e;
  });
  if (!found) notFound();
  const { committee, actor } = found;
  const [resolutions, delegations, members] = await Promise.all([
    listResolutions(db, committee.id),
    listDelegations(db, committee.id),
    listMembers(db, committee.id),
  ]);
  const myDelegation = delegations.find((d) => d.id === actor.delegationId);
  const manage = can(actor, 'committee:manage');
  const t = await getTranslations('committee');
  const tr = await getTranslations();
  const locale = await getLocale();

  return (
    <div>
      <p className="breadcrumbs">
        <Link href="/">{t('committees')}</Link> ›
      </p>
      <h1>{committee.name}</h1>
      <p className="muted">
        {committee.sessionLabel}
        {committee.place ? ` · ${committee.place}` : ''} ·{' '}
        {t.rich(myDelegation ? 'youAreOf' : 'youAre', {
          role: tr(`roles.${actor.role!}`),
          delegation: myDelegation?.name ?? '',
          strong: (chunks) => <strong data-testid="my-role">{chunks}</strong>,
        })}
      </p>

      <section aria-labelledby="resolutions-heading">
        <div className="section-head">
          <h2 id="resolutions-heading">{t('resolutions')}</h2>
          {can(actor, 'resolution:create') && (
            <div className="actions">
              <Link className="button primary" href={`/committees/${committee.slug}/import`} data-testid="import-link">
                {t('import')}
              </Link>
              <NewResolutionForm committee={committee.slug} />
            </div>
          )}
        </div>
        <div className="stage-board">
          {STAGES.map((stage) => {
            const inStage = resolutions.filter((r) => r.stage === stage);
            return (
              <div key={stage} className={`stage-column stage-${stage}`} data-testid={`stage-${stage}`}>
                <h3>
                  {tr(`stages.${stage}`)} <span className="count">{inStage.length}</span>
                </h3>
                <ul>
                  {inStage.map((r) => (
                    <li key={r.id}>
                      <Link href={`/resolutions/${r.id}`}>{r.title}</Link>
                      <span className="muted small">{t('updated', { date: formatDateTime(r.updatedAt, locale) })}</span>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </section>

      <RosterManager
        committee={committee.slug}
        canManage={manage}
        delegations={delegations.map((d) => ({ id: d.id, name: d.name, voteWeight: d.voteWeight }))}
        members={members.map((m) => ({ ...m, delegationName: m.delegationName ?? null }))}
      />
    </div>
  );
}
