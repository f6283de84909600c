import { escapeMarkup } from '../publication/escape';
import { diffWords, type DiffSegment } from './diff';
import { rebaseAmendment } from './rebase';
import type { Amendment } from './types';

/**
 * An amendment shown the way committees read them: the paragraph with the words it removes
 * struck through and the words it adds underlined.
 */

/** `<ins>`/`<del>` around changed text; every piece of text escaped. */
export function renderRedlineHtml(segments: readonly DiffSegment[]): string {
  return segments
    .map(({ op, text }) => {
      const escaped = escapeMarkup(text);
      if (op === 'insert') return `<ins>${escaped}</ins>`;
      if (op === 'delete') return `<del>${escaped}</del>`;
      return escaped;
    })
    .join('');
}

/**
 * Plain text for e-mails and text exports: [+added+] and [-removed-]. Brackets in the text
 * itself are not escaped; "[+" and "[-" do not occur in resolution prose.
 */
export function renderRedlineText(segments: readonly DiffSegment[]): string {
  return segments
    .map(({ op, text }) => {
      if (op === 'insert') return `[+${text}+]`;
      if (op === 'delete') return `[-${text}-]`;
      return text;
    })
    .join('');
}

export interface AmendmentRedline {
  segments: DiffSegment[];
  /** The paragraph changed since the amendment was written. */
  stale: boolean;
  /** …in the words it amends: the redline is against the old wording, a rebase is needed. */
  conflict: boolean;
}

/**
 * The redline of an amendment against the paragraph as it reads now (`currentText`; for an
 * insertion, ignored). A stale amendment whose change is elsewhere is shown rebased, so the
 * committee sees what would actually be put.
 */
export function amendmentRedline(amendment: Amendment, currentText: string): AmendmentRedline {
  if (amendment.kind === 'insert')
    return { segments: [{ op: 'insert', text: amendment.proposedText }], stale: false, conflict: false };
  const stale = currentText !== amendment.baseText;
  if (amendment.kind === 'delete') return { segments: [{ op: 'delete', text: currentText }], stale, conflict: false };
  if (amendment.kind === 'move') return { segments: [{ op: 'equal', text: currentText }], stale, conflict: false };

  const rebased = rebaseAmendment({ base: amendment.baseText, proposed: amendment.proposedText, current: currentText });
  if (rebased.status === 'conflict')
    return { segments: diffWords(amendment.baseText, amendment.proposedText), stale, conflict: true };
  const proposed = rebased.status === 'rebased' ? rebased.proposed : amendment.proposedText;
  return { segments: diffWords(currentText, proposed), stale, conflict: false };
}
