import type { Stage } from '@/lib/resolution/types';

/**
 * What the stage banner says: what can be done now, and what the next stage brings — so
 * nobody hunts for "Open a vote" while the committee is still tabling amendments.
 */
export const STAGE_GUIDE: Record<Stage, { now: string; next: string | null }> = {
  drafting: {
    now: 'The chair, the secretariat and members co-edit the text; amendments can be drafted.',
    next: 'At the amendment stage the text changes only through amendments, which are tabled and decided.',
  },
  amendments: {
    now: 'Delegations table and co-sponsor amendments; the chair rules on them and may adopt them by consensus; the secretariat may make technical corrections.',
    next: 'Votes are opened at the voting stage.',
  },
  voting: {
    now: 'The chair opens votes on amendments, separate paragraphs and the whole text; each delegation casts its ballot.',
    next: 'Adoption — by consensus or by a vote on the whole text — freezes the text.',
  },
  adopted: {
    now: 'The text is final; delegations may still record reservations.',
    next: 'Publication by the secretariat closes the record.',
  },
  withdrawn: { now: 'The resolution was withdrawn; nothing more is done with it.', next: null },
};
