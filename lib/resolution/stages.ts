import type { Stage } from './types';

/** drafting → amendments → voting → adopted, or withdrawn from any open stage. */
export const STAGE_NAMES: Record<Stage, string> = {
  drafting: 'Drafting',
  amendments: 'Amendments',
  voting: 'Voting',
  adopted: 'Adopted',
  withdrawn: 'Withdrawn',
};

const NEXT: Record<Stage, Stage[]> = {
  drafting: ['amendments', 'withdrawn'],
  // Going back one step is allowed: a chair may reopen amendments before voting.
  amendments: ['drafting', 'voting', 'withdrawn'],
  voting: ['amendments', 'withdrawn'],
  adopted: [],
  withdrawn: [],
};

/** Why a stage change is refused, or null when it is allowed. Adoption has its own act. */
export function canMoveStage(from: Stage, to: Stage): string | null {
  if (from === to) return `The resolution is already at the ${STAGE_NAMES[to].toLowerCase()} stage.`;
  if (to === 'adopted') return 'A resolution is adopted by declaring its adoption, not by a stage change.';
  if (!NEXT[from].includes(to)) {
    return `A resolution at the ${STAGE_NAMES[from].toLowerCase()} stage cannot move to ${STAGE_NAMES[to].toLowerCase()}.`;
  }
  return null;
}

export function nextStages(from: Stage): Stage[] {
  return NEXT[from];
}
