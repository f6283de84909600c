import Link from 'next/link';
import { getDb } from '@/db/client';
import { STAGE_NAMES } from '@/lib/resolution/stages';
import { committeesWithResolutions } from '@/usecases/reads/home';
import { currentUser } from './_lib/current-user';
import { ROLE_NAMES } from './_lib/labels';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await currentUser('/');
  const committees = await committeesWithResolutions(await getDb(), user.id);
  return (
    <div>
      <h1>Your committees</h1>
      {committees.length === 0 && (
        <p data-testid="no-committee">
          You are not a member of any committee yet. A chair or the secretariat of your committee adds members: ask them
          to add you with the e-mail address {user.email}.
        </p>
      )}
      <ul className="cards">
        {committees.map(({ committee, role, delegation, byStage }) => (
          <li key={committee.id} className="card">
            <h2>
              <Link href={`/committees/${committee.slug}`}>{committee.name}</Link>
            </h2>
            <p className="muted">
              {committee.sessionLabel}
              {committee.place ? ` · ${committee.place}` : ''}
            </p>
            <p>
              You are <strong>{ROLE_NAMES[role]}</strong>
              {delegation ? ` of ${delegation.name}` : ''}.
            </p>
            {byStage.length === 0 ? (
              <p className="muted small">No resolution yet.</p>
            ) : (
              <dl className="home-stages" data-testid="home-resolutions">
                {byStage.map(({ stage, resolutions }) => (
                  <div key={stage}>
                    <dt>{STAGE_NAMES[stage]}</dt>
                    {resolutions.map((r) => (
                      <dd key={r.id}>
                        <Link href={`/resolutions/${r.id}`}>{r.title}</Link>
                        {r.published && <span className="badge status-adopted"> published</span>}
                      </dd>
                    ))}
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
