import Link from 'next/link';
import { getDb } from '@/db/client';
import { listCommitteesForUser } from '@/db/queries/committees';
import { currentUser } from './_lib/current-user';
import { ROLE_NAMES } from './_lib/labels';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await currentUser('/');
  const committees = await listCommitteesForUser(await getDb(), user.id);
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
        {committees.map(({ committee, role, delegation }) => (
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
          </li>
        ))}
      </ul>
    </div>
  );
}
