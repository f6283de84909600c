'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useProcedureEvents } from '@/app/_components/useProcedureEvents';
import type { DiffSegment } from '@/lib/amendments/diff';
import type { TranslationStatus } from '@/lib/languages/types';
import { Redline } from '../amendments/Redline';
import { TranslationCell } from './TranslationCell';
import { focusParagraph } from '@/app/_components/amend-request';
import { useLiveTextReach } from '@/app/_components/live-text-store';

export interface SideBySideParagraph {
  id: string;
  kind: string;
  label: string;
  originalText: string;
  translation: string;
  status: TranslationStatus;
  /** The original's change since the wording was confirmed. */
  change: DiffSegment[] | null;
}

interface Props {
  resolutionId: string;
  originalLanguage: string;
  language: string;
  languageLabel: string;
  direction: 'ltr' | 'rtl';
  /**
   * May translate: the version's live editor is then on the page above, and paragraphs are
   * written there (one way to write a paragraph, and no form overwriting what someone is
   * typing live); here they are confirmed, and "Edit in the text" takes the caret to one.
   * Only where the live text cannot be reached (a network that blocks WebSockets) does each
   * row offer its own form again.
   */
  canEdit: boolean;
  paragraphs: SideBySideParagraph[];
}

/**
 * Two aligned columns, one row per paragraph of the original: its number, its words, the
 * version's words (right to left for Arabic and the like) and the paragraph's status, with
 * the original's change as a redline where it needs translation. A filter leaves only what
 * needs work; the page refreshes when anyone translates or the original changes.
 */
export function SideBySide(props: Props) {
  const t = useTranslations('languages');
  const router = useRouter();
  const [onlyWork, setOnlyWork] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const reach = useLiveTextReach();
  const writeHere = props.canEdit && reach === 'unreachable';
  const { run, problem: error } = useApiAction();
  const refresh = useCallback(() => router.refresh(), [router]);
  useProcedureEvents(
    props.resolutionId,
    useCallback(
      (e) => {
        if (e.type.startsWith('language.') || e.type.startsWith('amendment.decided') || e.type === 'version.restored')
          refresh();
      },
      [refresh],
    ),
  );
  const base = `/api/v1/resolutions/${props.resolutionId}/languages/${props.language}/paragraphs`;

  async function save(id: string, text: string) {
    const saved = await run(() => api('PUT', `${base}/${encodeURIComponent(id)}`, { text }), {
      failure: t('notSaved'),
      refresh,
      inline: true,
    });
    if (saved !== undefined) setEditing(null);
  }
  const confirm = (id: string) =>
    run(() => api('POST', `${base}/${encodeURIComponent(id)}/confirm`), {
      failure: t('notConfirmed'),
      refresh,
      inline: true,
    });

  const shown = onlyWork ? props.paragraphs.filter((p) => p.status !== 'up_to_date') : props.paragraphs;
  return (
    <section aria-labelledby="side-by-side-title" className="side-by-side" data-testid="side-by-side">
      <h2 id="side-by-side-title">{t('beside', { name: props.languageLabel, code: props.language })}</h2>
      <label className="filter checkbox">
        <input
          type="checkbox"
          checked={onlyWork}
          onChange={(e) => setOnlyWork(e.target.checked)}
          data-testid="filter-needs-translation"
        />{' '}
        {t('onlyWork')}
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('originalColumn', { code: props.originalLanguage })}</th>
            <th scope="col">
              {props.languageLabel} ({props.language})
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr
              key={p.id}
              data-testid="aligned-row"
              data-id={p.id}
              data-status={p.status}
              className={`status-${p.status}`}
            >
              <th scope="row">{p.label}</th>
              <td lang={props.originalLanguage}>
                {p.change ? <Redline segments={p.change} testId="original-change" /> : p.originalText}
              </td>
              <TranslationCell
                label={p.label}
                status={p.status}
                translation={p.translation}
                language={props.language}
                languageLabel={props.languageLabel}
                direction={props.direction}
                canEdit={props.canEdit}
                editing={writeHere && editing === p.id}
                live={!writeHere}
                rows={4}
                textTestId="translation"
                onEdit={() => (writeHere ? setEditing(p.id) : focusParagraph(p.id))}
                onCancel={() => setEditing(null)}
                onSave={(text) => save(p.id, text)}
                onConfirm={() => confirm(p.id)}
              />
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p data-testid="nothing-to-translate">{t('allUpToDate')}</p>}
    </section>
  );
}
