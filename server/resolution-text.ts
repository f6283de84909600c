import { getCollabService } from './collab/registry';

/**
 * Moved: the text is read through usecases/reads/resolution-text.ts (a TextStore installed
 * at start-up); socket re-checks follow domain events (server/events/). Re-exported here
 * while code written against the old path is converted.
 */
export { changeText, currentParagraphs, currentState } from '../usecases/reads/resolution-text';

/**
 * A language version's wordings changed outside its live room (the API, an import, the
 * CLI): the room `<resolution id>/<language>` folds them in and re-checks its sockets.
 */
export function languageChanged(resolutionId: string, language: string) {
  void getCollabService()?.languageChanged?.(resolutionId, language);
}
