import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/permissions';
import type { Stage } from '@/lib/resolution/types';
import { languageName, textDirection } from '@/lib/languages/codes';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { listVersionSummaries, readVersionText } from '@/usecases/languages/language-text';
import { languageContext } from '@/usecases/reads/languages';
import { SideBySide } from './SideBySide';
import { AddLanguageForm } from './AddLanguageForm';
import { AmendmentTranslations } from './AmendmentTranslations';
import { loadCompilation } from '@/usecases/reads/amendments';
import { ResolutionEditor } from '../editor/ResolutionEditor';

export const dynamic = 'force-dynamic';

/**
 * The original and one language version side by side, paragraph by paragraph, with each
 * paragraph's status; translators (and the secretariat) write and confirm here.
 */
export default async function LanguagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ lang?: string }>;
}) {
  const { id } = await params;
  const { lang } = await searchParams;
  const { user, db, resolution, access } = await openResolutionPage(id, `/resolutions/${id}/languages`);
  const stage = resolution.stage as Stage;
  const ctx = languageContext(db);
  const t = await getTranslations('languages');
  const { original, versions } = await listVersionSummaries(ctx, user.id, { resolutionId: resolution.id });
  const selected = versions.find((v) => v.language === lang) ?? versions[0];
  const version = selected
    ? await readVersionText(ctx, user.id, { resolutionId: resolution.id, language: selected.language })
    : null;
  // The amendments readers of this language read in it (drafts are their sponsors' alone).
  // The same decision as the server's for the version's room: who may write it here may
  // write it live (the room itself still says, per connection, whether typing is taken).
  const canEdit = can(access.actor, 'language:edit', { stage });
  const amendments = version
    ? (await loadCompilation(db, resolution, access.actor, {}, { language: version.language })).amendments.filter(
        (a) => a.status !== 'draft' && a.proposedText !== '',
      )
    : [];

  return (
    <div className="languages-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> ›
      </p>
      <h1>{t('title')}</h1>
      <p className="muted">{t('original', { name: languageName(original), code: original })}</p>
      {versions.length > 0 ? (
        <nav aria-label={t('title')}>
          <ul className="language-tabs" data-testid="language-counts">
            {versions.map((v) => (
              <li key={v.language}>
                <Link
                  href={`/resolutions/${resolution.id}/languages?lang=${v.language}`}
                  aria-current={v.language === selected?.language ? 'page' : undefined}
                  data-testid={`language-${v.language}`}
                >
                  {t('counts', { language: v.language, ...v.counts })}
                  {v.official ? ` · ${t('official')}` : ''}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p data-testid="no-languages">{t('none')}</p>
      )}
      {can(access.actor, 'language:add', { stage }) && <AddLanguageForm resolutionId={resolution.id} />}
      {version && canEdit && (
        <section aria-labelledby="live-version-title" className="live-version" data-testid="live-version">
          <h2 id="live-version-title">
            {t('liveTitle', { name: languageName(version.language), code: version.language })}
          </h2>
          <p className="muted">{t('liveNote')}</p>
          <ResolutionEditor
            key={version.language}
            resolutionId={resolution.id}
            enactingFormula=""
            user={{ name: user.name, delegation: null, role: access.actor.role! }}
            version={{
              language: version.language,
              direction: version.direction,
              name: languageName(version.language),
              originalLanguage: original,
              originalDirection: textDirection(original),
              originals: version.paragraphs.map((p) => ({
                id: p.id,
                text: p.originalText,
                needsWork: p.status !== 'up_to_date',
              })),
            }}
            fallback={<p className="muted">{t('liveLoading')}</p>}
            unreachable={
              <p className="notice" role="status" data-testid="live-unreachable">
                {t('liveUnreachable')}
              </p>
            }
          />
        </section>
      )}
      {version && (
        <SideBySide
          resolutionId={resolution.id}
          originalLanguage={original}
          language={version.language}
          languageLabel={languageName(version.language)}
          direction={version.direction}
          canEdit={canEdit}
          paragraphs={version.paragraphs.map((p) => ({
            id: p.id,
            kind: p.kind,
            label: p.label,
            originalText: p.originalText,
            translation: p.translation,
            status: p.status,
            change: p.originalChange ?? null,
          }))}
        />
      )}
      {version && (
        <AmendmentTranslations
          language={version.language}
          languageLabel={languageName(version.language)}
          originalLanguage={original}
          direction={version.direction}
          canEdit={canEdit}
          amendments={amendments.map((a) => ({
            id: a.id,
            name: a.number ?? a.paragraphLabel ?? t('amendment'),
            paragraphLabel: a.number ? a.paragraphLabel : null,
            status: a.status,
            originalText: a.proposedText,
            translation: a.translation?.proposedText ?? '',
            translationStatus: a.translation?.status ?? 'missing',
            originalChange: a.translation?.originalChange ?? null,
          }))}
        />
      )}
    </div>
  );
}
