import type { DiffSegment } from '../amendments/diff';
import type { NumberedParagraph } from '../resolution/types';

/**
 * A language version holds its own wording for each of the original's paragraphs, by
 * stable id. Each wording remembers the original's text as it read when the wording was
 * last written or confirmed: that is what tells "up to date" from "needs translation".
 */
export type TranslationStatus = 'missing' | 'up_to_date' | 'needs_translation';

export const TRANSLATION_STATUSES: readonly TranslationStatus[] = ['missing', 'up_to_date', 'needs_translation'];

export interface StoredWording {
  /** The original's paragraph id (or, for a statement, its id). */
  id: string;
  text: string;
  /** hashText of the original's text when this wording was last written or confirmed. */
  confirmedHash: string;
  /** That text itself: the redline shows the original's change since then. */
  confirmedText: string;
}

export interface AlignedParagraph extends NumberedParagraph {
  /** The original's wording, as it reads now. */
  originalText: string;
  /** The version's wording ('' when missing). */
  translation: string;
  status: TranslationStatus;
  /** For needs_translation: the original's change since the wording was confirmed. */
  originalChange?: DiffSegment[];
}

export interface StatusCounts {
  total: number;
  upToDate: number;
  needsTranslation: number;
  missing: number;
}
