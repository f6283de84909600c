'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { Redline } from './Redline';
import { TrackedTextEditor } from './TrackedTextEditor';
import type { AmendmentsContext, ParagraphOption } from './types';

type Kind = 'modify' | 'insert' | 'delete' | 'move';

/**
 * Starting an amendment from a paragraph: modify it (a copy of its wording in a
 * tracked-changes editor: insertions underlined, deletions struck through as you type),
 * insert a new paragraph before or after it, or delete it. A rationale and co-sponsors;
 * "table now" tables it in the same step, otherwise it is saved as a draft that the
 * co-sponsors then edit together, live ("Edit together" on its card).
 */
export function AmendmentForm({
  context,
  paragraphs,
  initialParagraphId,
  focusOnOpen = false,
  onDone,
  onCancel,
}: {
  context: AmendmentsContext;
  paragraphs: ParagraphOption[];
  initialParagraphId?: string;
  focusOnOpen?: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('amendmentForm');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!focusOnOpen || !form.current) return;
    form.current.scrollIntoView({ block: 'start' });
    form.current.querySelector<HTMLElement>('select, input, textarea, [contenteditable="true"]')?.focus({
      preventScroll: true,
    });
  }, [focusOnOpen]);
  const [paragraphId, setParagraphId] = useState(
    initialParagraphId ?? paragraphs.find((p) => p.kind === 'operative')?.id ?? paragraphs[0]?.id ?? '',
  );
  const paragraph = paragraphs.find((p) => p.id === paragraphId);
  const [kind, setKind] = useState<Kind>('modify');
  const [text, setText] = useState(paragraph?.text ?? '');
  const [position, setPosition] = useState<'before' | 'after'>('after');
  // Move: the paragraph it goes before or after (another paragraph of the same kind, usually).
  const [destination, setDestination] = useState(
    () => paragraphs.find((p) => p.id !== paragraphId && p.kind === paragraph?.kind)?.id ?? '',
  );
  const [newKind, setNewKind] = useState<'preambular' | 'operative' | 'subparagraph'>(
    paragraph?.kind === 'preambular' ? 'preambular' : 'operative',
  );
  const [rationale, setRationale] = useState('');
  const [sponsor, setSponsor] = useState(context.me.delegationId ?? '');
  const [coSponsors, setCoSponsors] = useState<string[]>([]);
  const [tableNow, setTableNow] = useState(context.stage === 'amendments');
  const action = useApiAction();

  const choose = (id: string) => {
    setParagraphId(id);
    if (destination === id) setDestination(paragraphs.find((p) => p.id !== id)?.id ?? '');
    const p = paragraphs.find((x) => x.id === id);
    if (kind === 'modify') setText(p?.text ?? '');
  };
  const switchKind = (k: Kind) => {
    setKind(k);
    setText(k === 'modify' ? (paragraph?.text ?? '') : '');
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const common = {
      rationale: rationale || undefined,
      coSponsorDelegationIds: coSponsors.length ? coSponsors : undefined,
      sponsorDelegationId: context.me.role === 'member' ? undefined : sponsor || undefined,
    };
    const body =
      kind === 'modify'
        ? { kind, targetParagraphId: paragraphId, proposedText: text, ...common }
        : kind === 'delete'
          ? { kind, targetParagraphId: paragraphId, ...common }
          : kind === 'move'
            ? { kind, targetParagraphId: paragraphId, anchorParagraphId: destination, position, ...common }
            : { kind, anchorParagraphId: paragraphId, position, newKind, proposedText: text, ...common };
    const done = await action.run(
      async () => {
        const drafted = await api<{ id: string }>(
          'POST',
          `/api/v1/resolutions/${context.resolutionId}/amendments`,
          body,
        );
        if (!tableNow) return t('draftSaved');
        const tabled = await api<{ number: string }>('POST', `/api/v1/amendments/${drafted.id}/table`);
        return t('tabled', { number: tabled.number });
      },
      { success: (said) => said, failure: t('saveFailed'), inline: true },
    );
    if (done !== undefined) onDone();
  }
  const fieldError = (field: string, id: string) =>
    action.fieldErrors[field] ? (
      <p className="field-error" id={id} data-testid={`field-error-${field}`}>
        {action.fieldErrors[field]}
      </p>
    ) : null;
  const busy = action.busy;
  // Shown once, at the foot, only what is not already said next to a field.
  const shownByField = ['proposedText', 'rationale', 'sponsorDelegationId'].some((f) => action.fieldErrors[f]);
  const problem = shownByField ? null : action.problem;

  const others = context.delegations.filter(
    (d) => d.id !== (context.me.role === 'member' ? context.me.delegationId : sponsor),
  );
  return (
    <form
      ref={form}
      className="amendment-form card"
      onSubmit={submit}
      data-testid="amendment-form"
      aria-label={t('label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label>
        {t('paragraph')}
        <select value={paragraphId} onChange={(e) => choose(e.target.value)} data-testid="amend-paragraph">
          {paragraphs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}: {p.text.slice(0, 50)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="amend-kinds">
        <legend>{t('proposal')}</legend>
        {(['modify', 'insert', 'delete', 'move'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => switchKind(k)} />{' '}
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'insert' && (
        <div className="row">
          <select
            value={position}
            onChange={(e) => setPosition(e.target.value as 'before' | 'after')}
            aria-label={t('where')}
          >
            <option value="before">{t('beforeParagraph', { label: paragraph?.label ?? '' })}</option>
            <option value="after">{t('afterParagraph', { label: paragraph?.label ?? '' })}</option>
          </select>
          <select
            value={newKind}
            onChange={(e) => setNewKind(e.target.value as typeof newKind)}
            aria-label={t('newKind')}
          >
            <option value="preambular">{t('newKinds.preambular')}</option>
            <option value="operative">{t('newKinds.operative')}</option>
            <option value="subparagraph">{t('newKinds.subparagraph')}</option>
          </select>
        </div>
      )}
      {kind === 'move' && (
        <div className="row">
          <select
            value={position}
            onChange={(e) => setPosition(e.target.value as 'before' | 'after')}
            aria-label={t('whereTo')}
          >
            <option value="before">{t('before')}</option>
            <option value="after">{t('after')}</option>
          </select>
          <select
            value={destination}
            onChange={(e) => setDestination(e.target.value)}
            aria-label={t('destination')}
            data-testid="amend-destination"
          >
            {paragraphs
              .filter((p) => p.id !== paragraphId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}: {p.text.slice(0, 40)}
                </option>
              ))}
          </select>
        </div>
      )}
      {kind === 'move' ? (
        <p className="muted small">{t('moveNote')}</p>
      ) : kind !== 'delete' ? (
        <div className="amend-wording">
          <span className="field-label">
            {kind === 'modify' ? t('asAmendedOf', { label: paragraph?.label ?? t('theParagraph') }) : t('newText')}
          </span>
          <TrackedTextEditor
            key={`${kind}:${paragraphId}`}
            base={kind === 'modify' ? (paragraph?.text ?? '') : ''}
            initialText={text}
            onChange={setText}
            label={kind === 'modify' ? t('asAmended') : t('newText')}
            testId="amend-text"
          />
          {fieldError('proposedText', 'amend-text-error')}
        </div>
      ) : (
        <div className="amend-preview">
          <span className="muted small">{t('trackedChanges')}</span>
          <p>
            <Redline segments={[{ op: 'delete', text: paragraph?.text ?? '' }]} testId="amend-redline" />
          </p>
        </div>
      )}
      <label>
        {t('rationale')}
        <textarea
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          rows={2}
          data-testid="amend-rationale"
          aria-invalid={action.fieldErrors.rationale ? true : undefined}
          aria-describedby={action.fieldErrors.rationale ? 'amend-rationale-error' : undefined}
        />
      </label>
      {fieldError('rationale', 'amend-rationale-error')}
      {context.me.role !== 'member' && (
        <label>
          {t('onBehalfOf')}
          <select value={sponsor} onChange={(e) => setSponsor(e.target.value)} required>
            <option value="">{t('chooseDelegation')}</option>
            {context.delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {context.me.role !== 'member' && fieldError('sponsorDelegationId', 'amend-sponsor-error')}
      <details>
        <summary>{t('coSponsors', { count: coSponsors.length })}</summary>
        <div className="cosponsor-list">
          {others.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                checked={coSponsors.includes(d.id)}
                onChange={(e) =>
                  setCoSponsors((all) => (e.target.checked ? [...all, d.id] : all.filter((x) => x !== d.id)))
                }
              />{' '}
              {d.name}
            </label>
          ))}
        </div>
      </details>
      {context.stage === 'amendments' && (
        <label>
          <input
            type="checkbox"
            checked={tableNow}
            onChange={(e) => setTableNow(e.target.checked)}
            data-testid="amend-table-now"
          />{' '}
          {t('tableNow')}
        </label>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="amend-submit">
          {tableNow ? t('table') : t('saveDraft')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
