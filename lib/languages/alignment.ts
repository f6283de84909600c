import { diffWords, type DiffSegment } from '../amendments/diff';
import { hashText } from '../amendments/hash';
import type { NumberedParagraph, Paragraph } from '../resolution/types';
import type { AlignedParagraph, StatusCounts, StoredWording, TranslationStatus } from './types';

/**
 * Alignment of a language version with its original, by stable paragraph id.
 *
 * Structure comes only from the original: the version has exactly the original's
 * paragraphs, in its order, with its kinds and its computed numbers (OP 8 is OP 8 in every
 * language). A wording stored for a paragraph the original no longer has is not shown (it
 * stays stored, so undoing the deletion brings it back); a paragraph the original gained is
 * missing until translated.
 */

/** The status of one wording against the original's text as it reads now. */
export function translationStatus(originalText: string, wording: StoredWording | undefined): TranslationStatus {
  if (!wording || wording.text.trim() === '') return 'missing';
  return wording.confirmedHash === hashText(originalText) ? 'up_to_date' : 'needs_translation';
}

/**
 * One statement's or amendment's words in a language, as for a paragraph: the wording, its
 * status, and for needs_translation the original's change since the wording was confirmed.
 */
export function alignWording(
  originalText: string,
  wording: StoredWording | undefined,
): { translation: string; status: TranslationStatus; originalChange?: DiffSegment[] } {
  const status = translationStatus(originalText, wording);
  return {
    translation: wording?.text ?? '',
    status,
    ...(status === 'needs_translation' && wording
      ? { originalChange: diffWords(wording.confirmedText, originalText) }
      : {}),
  };
}

/** One entry per paragraph of the original, in its order, with the version's wording and status. */
export function alignVersion(
  original: readonly NumberedParagraph[],
  wordings: Iterable<StoredWording>,
): AlignedParagraph[] {
  const byId = new Map<string, StoredWording>();
  for (const w of wordings) byId.set(w.id, w);
  return original.map((p) => {
    const wording = byId.get(p.id);
    const status = translationStatus(p.text, wording);
    const aligned: AlignedParagraph = {
      ...p,
      originalText: p.text,
      translation: wording?.text ?? '',
      status,
    };
    if (status === 'needs_translation' && wording) aligned.originalChange = diffWords(wording.confirmedText, p.text);
    return aligned;
  });
}

export function countStatuses(aligned: readonly { status: TranslationStatus }[]): StatusCounts {
  const counts: StatusCounts = { total: aligned.length, upToDate: 0, needsTranslation: 0, missing: 0 };
  for (const a of aligned) {
    if (a.status === 'up_to_date') counts.upToDate++;
    else if (a.status === 'needs_translation') counts.needsTranslation++;
    else counts.missing++;
  }
  return counts;
}

/** Every paragraph translated and up to date: what an official version needs before publication. */
export function isComplete(counts: StatusCounts): boolean {
  return counts.upToDate === counts.total;
}

/** "fr: 47 up to date, 3 need translation, 2 missing" */
export function describeCounts(language: string, counts: StatusCounts): string {
  const parts = [`${counts.upToDate} up to date`];
  if (counts.needsTranslation)
    parts.push(`${counts.needsTranslation} need${counts.needsTranslation === 1 ? 's' : ''} translation`);
  if (counts.missing) parts.push(`${counts.missing} missing`);
  return `${language}: ${parts.join(', ')}`;
}

/**
 * A wording written (or confirmed) now, against the original as it reads now: it is up to
 * date until the original paragraph changes.
 */
export function confirmWording(id: string, text: string, originalText: string): StoredWording {
  return { id, text, confirmedHash: hashText(originalText), confirmedText: originalText };
}

/**
 * The version's text with the original's structure: the original's ids and kinds in its
 * order, each with the version's wording ('' where missing). What a language version's live
 * document is brought to whenever the original's structure changes.
 */
export function versionStructure(
  original: readonly Paragraph[],
  translations: ReadonlyMap<string, string>,
): Paragraph[] {
  return original.map((p) => ({ id: p.id, kind: p.kind, text: translations.get(p.id) ?? '' }));
}

/** Whether two texts have the same paragraphs, in the same order, with the same kinds. */
export function sameStructure(a: readonly Paragraph[], b: readonly Paragraph[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i].id && p.kind === b[i].kind);
}
