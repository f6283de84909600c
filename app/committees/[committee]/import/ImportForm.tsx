'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { api, isApiFailure, type ApiFailure } from '@/app/_components/api';
import { useToast } from '@/app/_components/Toaster';
import { keyedByContent } from '@/app/_lib/keyed';

const MAX_BYTES = 2 * 1024 * 1024;

interface PreviewParagraph {
  id: string;
  kind: string;
  label: string;
  text: string;
}
interface Preview {
  text: string;
  heading: string | null;
  adoption: { method: string; body: string; place?: string; date?: string } | null;
  enactingFormula: string | null;
  paragraphs: PreviewParagraph[];
  counts: { preambular: number; operative: number; subparagraph: number };
  reservations: { delegation: string; kind: string; operativeParagraph: number | null; text: string }[];
  warnings: { line: number; message: string }[];
}

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
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [asAdopted, setAsAdopted] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const router = useRouter();
  const toast = useToast();

  async function requestPreview(body: unknown) {
    setBusy('preview');
    setFailure(null);
    setPreview(null);
    try {
      setPreview(await api<Preview>('POST', `/api/v1/committees/${committee}/imports/preview`, body));
    } catch (err) {
      setFailure(isApiFailure(err) ? err : { message: 'The preview failed', status: 0 });
    } finally {
      setBusy(null);
    }
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFailure({
        message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB.`,
        status: 413,
      });
      return;
    }
    await requestPreview({ file: { name: file.name, contentBase64: toBase64(await file.arrayBuffer()) } });
  }

  async function save() {
    if (!preview) return;
    setBusy('save');
    try {
      const r = await api<{ id: string }>('POST', `/api/v1/committees/${committee}/resolutions`, {
        title: title || undefined,
        text: preview.text,
        asAdopted,
      });
      toast(`Imported: ${preview.counts.preambular} preambular and ${preview.counts.operative} operative paragraphs`);
      router.push(`/resolutions/${r.id}`);
    } catch (err) {
      setFailure(isApiFailure(err) ? err : { message: 'Saving failed', status: 0 });
      setBusy(null);
    }
  }

  return (
    <div className="import">
      <div className="card form">
        <label>
          Title
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Taken from the text when left empty"
          />
        </label>
        <label>
          Paste the text
          <textarea data-testid="import-text" rows={14} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!text.trim() || busy !== null}
            onClick={() => requestPreview({ text })}
          >
            {busy === 'preview' ? 'Reading…' : 'Preview'}
          </button>
          <label className="file-button">
            or upload a .txt or .docx (up to 2 MB)
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
                  {i.line ? `Line ${i.line}: ` : `${i.path}: `}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {preview && (
        <section className="card preview" aria-labelledby="preview-heading" data-testid="import-preview">
          <h2 id="preview-heading">Preview</h2>
          <p data-testid="import-counts">
            <strong>{preview.counts.preambular}</strong> preambular paragraphs,{' '}
            <strong>{preview.counts.operative}</strong> operative paragraphs
            {preview.counts.subparagraph ? `, ${preview.counts.subparagraph} sub-paragraphs` : ''}.
          </p>
          {preview.heading && <p className="muted">Heading: {preview.heading}</p>}
          {preview.warnings.length > 0 && (
            <ul className="warnings">
              {keyedByContent(preview.warnings, (w) => `${w.line}:${w.message}`).map(({ key, item: w }) => (
                <li key={key}>
                  Line {w.line}: {w.message}
                </li>
              ))}
            </ul>
          )}
          {preview.adoption && (
            <label className="checkbox">
              <input type="checkbox" checked={asAdopted} onChange={(e) => setAsAdopted(e.target.checked)} />
              This text is already adopted ({preview.adoption.method.replace('_', ' ')}
              {preview.adoption.date ? `, ${preview.adoption.date}` : ''}
              {preview.adoption.place ? `, ${preview.adoption.place}` : ''}): record the adoption
              {preview.reservations.length ? ` and ${preview.reservations.length} reservation(s)` : ''} for the archive
            </label>
          )}
          {preview.enactingFormula && <p className="formula">{preview.enactingFormula}</p>}
          <ol className="preview-paragraphs">
            {preview.paragraphs.map((p) => (
              <li key={p.id} className={`para-${p.kind}`}>
                <span className="num">{p.label}</span> {p.text}
              </li>
            ))}
          </ol>
          {keyedByContent(
            preview.reservations,
            (r) => `${r.delegation}:${r.kind}:${r.operativeParagraph}:${r.text}`,
          ).map(({ key, item: r }) => (
            <p key={key} className="footnote">
              * {r.delegation}: {r.kind} on{' '}
              {r.operativeParagraph ? `operative paragraph ${r.operativeParagraph}` : 'the whole text'} — {r.text}
            </p>
          ))}
          <button type="button" className="primary" onClick={save} disabled={busy !== null} data-testid="import-save">
            {busy === 'save' ? 'Saving…' : asAdopted ? 'Save as adopted' : 'Save as draft'}
          </button>
        </section>
      )}
    </div>
  );
}
