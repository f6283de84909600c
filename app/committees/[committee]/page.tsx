import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { committeeForUser, listDelegations, listMembers } from '@/usecases/reads/committees';
import { listResolutions } from '@/usecases/reads/resolutions';
import { can } from '@/lib/permissions';
import { STAGES } from '@/lib/resolution/types';
import { STAGE_NAMES } from '@/lib/resolution/stages';
import { DomainError } from '@/lib/errors';
import { currentUser } from '@/app/_lib/current-user';
import { ROLE_NAMES, formatDateTime } from '@/app/_lib/labels';
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

  return (
    <div>
      <p className="breadcrumbs">
        <Link href="/">Committees</Link> ›
      </p>
      <h1>{committee.name}</h1>
      <p className="muted">
        {committee.sessionLabel}
        {committee.place ? ` · ${committee.place}` : ''} · you are{' '}
        <strong data-testid="my-role">{ROLE_NAMES[actor.role!]}</strong>
        {myDelegation ? ` of ${myDelegation.name}` : ''}
      </p>

      <section aria-labelledby="resolutions-heading">
        <div className="section-head">
          <h2 id="resolutions-heading">Resolutions</h2>
          {can(actor, 'resolution:create') && (
            <div className="actions">
              <Link className="button primary" href={`/committees/${committee.slug}/import`} data-testid="import-link">
                Import a text
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
                  {STAGE_NAMES[stage]} <span className="count">{inStage.length}</span>
                </h3>
                <ul>
                  {inStage.map((r) => (
                    <li key={r.id}>
                      <Link href={`/resolutions/${r.id}`}>{r.title}</Link>
                      <span className="muted small">updated {formatDateTime(r.updatedAt)}</span>
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
