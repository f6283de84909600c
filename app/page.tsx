import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { committeesWithResolutions } from '@/usecases/reads/home';
import { currentUser } from './_lib/current-user';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await currentUser('/');
  const committees = await committeesWithResolutions(await getDb(), user.id);
  const t = await getTranslations('home');
  const tr = await getTranslations();
  return (
    <div>
      <h1>{t('title')}</h1>
      {committees.length === 0 && <p data-testid="no-committee">{t('noCommittee', { email: user.email })}</p>}
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
              {t.rich(delegation ? 'youAreOf' : 'youAre', {
                role: tr(`roles.${role}`),
                delegation: delegation?.name ?? '',
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            {byStage.length === 0 ? (
              <p className="muted small">{t('noResolution')}</p>
            ) : (
              <dl className="home-stages" data-testid="home-resolutions">
                {byStage.map(({ stage, resolutions }) => (
                  <div key={stage}>
                    <dt>{tr(`stages.${stage}`)}</dt>
                    {resolutions.map((r) => (
                      <dd key={r.id}>
                        <Link href={`/resolutions/${r.id}`}>{r.title}</Link>
                        {r.published && <span className="badge status-adopted"> {t('published')}</span>}
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
