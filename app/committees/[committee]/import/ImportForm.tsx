'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { api, type ApiFailure } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { keyedByContent } from '@/app/_lib/keyed';
import { ImportPreview, type Preview } from './ImportPreview';

const MAX_BYTES = 2 * 1024 * 1024;

function toBase64(bytes: ArrayBuffer): string {
  let s = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Paste or upload, see the structure, then save. Nothing is stored before "Save". */
export function ImportForm({ committee }: { committee: string }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  // A file over the limit is refused before it is sent.
  const [tooBig, setTooBig] = useState<ApiFailure | null>(null);
  const [asAdopted, setAsAdopted] = useState(false);
  const [createDelegations, setCreateDelegations] = useState(false);
  const t = useTranslations('import');
  const previewing = useApiAction();
  const saving = useApiAction();
  const busy = previewing.running ? 'preview' : saving.running ? 'save' : null;
  // Shown with each issue and its line, not as a toast: the text is fixed where it is pasted.
  const failure = tooBig ?? saving.failure ?? previewing.failure;
  const router = useRouter();

  async function requestPreview(body: unknown) {
    setTooBig(null);
    saving.clear();
    setPreview(null);
    const read = await previewing.run(
      () => api<Preview>('POST', `/api/v1/committees/${committee}/imports/preview`, body),
      { failure: t('previewFailed'), inline: true },
    );
    if (read) setPreview(read);
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setTooBig({
        message: t('tooBig', { size: Math.round((file.size / 1024 / 1024) * 10) / 10 }),
        status: 413,
      });
      return;
    }
    await requestPreview({ file: { name: file.name, contentBase64: toBase64(await file.arrayBuffer()) } });
  }

  // The text's own title names it; without one the form asks for one before saving.
  const needsTitle = !!preview && !preview.title && !title.trim();
  const needsDelegations = !!preview && asAdopted && preview.missingDelegations.length > 0 && !createDelegations;

  async function save() {
    if (!preview || needsTitle || needsDelegations) return;
    const r = await saving.run(
      () =>
        api<{ id: string }>('POST', `/api/v1/committees/${committee}/resolutions`, {
          title: title || undefined,
          text: preview.text,
          asAdopted,
          createDelegations: asAdopted && createDelegations,
        }),
      {
        success: t('imported', { ...preview.counts }),
        failure: t('saveFailed'),
        inline: true,
      },
    );
    if (r) router.push(`/resolutions/${r.id}`);
  }

  return (
    <div className="import">
      <div className="card form">
        <label>
          {t('titleLabel')}
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('titlePlaceholder')}
            aria-invalid={needsTitle}
            data-testid="import-title"
          />
        </label>
        <label>
          {t('paste')}
          <textarea data-testid="import-text" rows={14} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!text.trim() || busy !== null}
            onClick={() => requestPreview({ text })}
          >
            {busy === 'preview' ? t('reading') : t('preview')}
          </button>
          <label className="file-button">
            {t('upload')}
            <input
              type="file"
              accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={onFile}
              data-testid="import-file"
            />
          </label>
        </div>
      </div>

      {failure && (
        <div className="card error-card" role="alert" data-testid="import-errors">
          <p>
            <strong>{failure.message}</strong>
          </p>
          {failure.issues && (
            <ul>
              {keyedByContent(failure.issues, (i) => `${i.line ?? i.path}:${i.message}`).map(({ key, item: i }) => (
                <li key={key}>
                  {i.line ? t('lineOf', { line: i.line }) : `${i.path}: `}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {preview && (
        <section className="card preview" aria-labelledby="preview-heading" data-testid="import-preview">
          <h2 id="preview-heading">{t('preview')}</h2>
          <ImportPreview preview={preview} />
          {needsTitle && (
            <p className="error" role="alert" data-testid="import-needs-title">
              {t('needsTitle')}
            </p>
          )}
          {preview.adoption && (
            <label className="checkbox">
              <input type="checkbox" checked={asAdopted} onChange={(e) => setAsAdopted(e.target.checked)} />
              {t('asAdopted', { ...preview.counts })}
            </label>
          )}
          {asAdopted && preview.missingDelegations.length > 0 && (
            <label className="checkbox" data-testid="import-create-delegations">
              <input
                type="checkbox"
                checked={createDelegations}
                onChange={(e) => setCreateDelegations(e.target.checked)}
              />
              {t('createDelegations', {
                count: preview.missingDelegations.length,
                names: preview.missingDelegations.join(', '),
              })}
            </label>
          )}
          <button
            type="button"
            className="primary"
            onClick={save}
            disabled={busy !== null || needsTitle || needsDelegations}
            data-testid="import-save"
          >
            {busy === 'save' ? t('saving') : asAdopted ? t('saveAdopted') : t('saveDraft')}
          </button>
        </section>
      )}
    </div>
  );
}
