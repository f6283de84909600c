/**
 * What the room's screen shows: the chair or the secretariat puts one thing on it at a time
 * — a paragraph, an amendment (redline and the paragraph as it would read), the voting
 * order, a vote (with its live tally), or the adopted text. Only ids travel: each screen
 * reads the thing itself, with its viewer's rights.
 */
export type ScreenContent =
  | { kind: 'blank' }
  | { kind: 'paragraph'; paragraphId: string }
  | { kind: 'amendment'; amendmentId: string }
  | { kind: 'voting-order' }
  | { kind: 'vote'; voteId: string }
  | { kind: 'adopted-text' };

export type ScreenKind = ScreenContent['kind'];

export interface ScreenState {
  content: ScreenContent;
  /** When it was put there (ISO); a later change always wins. */
  setAt: string;
}

export const BLANK_SCREEN: ScreenState = { content: { kind: 'blank' }, setAt: new Date(0).toISOString() };

/** Of two states (a process's memory and an event), the later one. */
export function laterScreen(a: ScreenState, b: ScreenState): ScreenState {
  return b.setAt >= a.setAt ? b : a;
}
