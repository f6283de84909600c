import { getCollabService } from './collab/registry';

/**
 * Moved: the text is read through usecases/reads/resolution-text.ts (a TextStore installed
 * at start-up). Re-exported here while code written against the old path is converted.
 */
export { changeText, currentParagraphs, currentState } from '../usecases/reads/resolution-text';

/** After a role or stage change: sockets that lost rights are closed or made read-only. */
export function accessChanged(target: { resolutionId?: string; userId?: string }) {
  const live = getCollabService();
  if (!live) return;
  if (target.resolutionId) void live.reauthorize(target.resolutionId);
  if (target.userId) void live.reauthorizeUser(target.userId);
}

/** A draft amendment changed outside its live room. */
export function draftChanged(amendmentId: string) {
  void getCollabService()?.draftChanged(amendmentId);
}
