'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useProcedureEvents } from '@/app/_components/useProcedureEvents';
import { formatDateTime } from '@/app/_lib/labels';

export interface VersionSummary {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
  /** Decided on the server. */
  youCan: { restore: boolean };
}

interface Props {
  resolutionId: string;
  versions: VersionSummary[];
  canSave: boolean;
}

/**
 * Named versions: kept by hand here, and by the server at every stage change. Each opens on
 * its own page; any two (or one and the current text) compare as a redline. The compare
 * form is a plain GET form, so it works before (and without) JavaScript.
 */
export function VersionsPanel({ resolutionId, versions: initial, canSave }: Props) {
  const t = useTranslations('versions');
  const locale = useLocale();
  const [versions, setVersions] = useState(initial);
  const [name, setName] = useState('');
  const { run, busy, problem: error, confirmed } = useApiAction();
  const router = useRouter();
  // A page refresh (router.refresh) brings a fresh list from the server.
  useEffect(() => setVersions(initial), [initial]);

  const reload = useCallback(async () => {
    try {
      const { versions: fresh } = await api<{ versions: VersionSummary[] }>(
        'GET',
        `/api/v1/resolutions/${resolutionId}/versions`,
      );
      setVersions(fresh);
    } catch {
      // keep the list we have; the next event or save tries again
    }
  }, [resolutionId]);
  // A stage change elsewhere saves a version and changes what this page says (banner, who may
  // edit): show both without a reload. Other events may save versions too (adoption).
  useProcedureEvents(resolutionId, (event) => {
    if (event.type === 'stage.changed') router.refresh();
    void reload();
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    const saved = await run(() => api('POST', `/api/v1/resolutions/${resolutionId}/versions`, { name }), {
      success: t('saved', { name: name.trim() }),
      failure: t('saveFailed'),
      refresh: reload,
      inline: true,
    });
    if (saved !== undefined) setName('');
  }

  // Recovery (chair, secretariat): the version becomes the current text again, the text before kept as a version.
  const restore = (v: VersionSummary) =>
    confirmed(
      {
        title: t('restoreQuestion', { name: v.name }),
        message: t('restoreKept'),
        confirmLabel: t('restore'),
        danger: true,
        action: async () => {
          await api('POST', `/api/v1/resolutions/${resolutionId}/versions/${v.id}/restore`);
        },
      },
      { success: t('restored', { name: v.name }), refresh: reload },
    );

  const latest = versions[versions.length - 1];
  return (
    <aside className="sidebar" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <ol className="versions" data-testid="versions">
        {versions.map((v) => (
          <li key={v.id}>
            <Link href={`/resolutions/${resolutionId}/versions/${v.id}`}>
              <strong>{v.name}</strong>
            </Link>
            <div className="muted small">
              {v.createdBy ?? t('system')} · {formatDateTime(v.createdAt, locale)}
              {v.youCan.restore && (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => restore(v)}
                    aria-label={t('restoreLabel', { name: v.name })}
                    data-testid="version-restore"
                  >
                    {t('restore')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
      {canSave && (
        <form className="version-save" onSubmit={save}>
          <label htmlFor="version-name">{t('saveAs')}</label>
          <input
            id="version-name"
            value={name}
            maxLength={200}
            required
            placeholder={t('example')}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="secondary wide" disabled={busy || !name.trim()} data-testid="save-version">
            {t('save')}
          </button>
        </form>
      )}
      {versions.length > 0 && (
        <form className="version-compare" method="get" action={`/resolutions/${resolutionId}/versions/compare`}>
          <h3>{t('compare')}</h3>
          <label htmlFor="compare-from">{t('from')}</label>
          <select id="compare-from" name="from" defaultValue={latest?.id}>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <label htmlFor="compare-to">{t('to')}</label>
          <select id="compare-to" name="to" defaultValue="current">
            <option value="current">{t('current')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary wide" data-testid="compare-versions">
            {t('showChanges')}
          </button>
        </form>
      )}
    </aside>
  );
}
