/**
 * Moved: the text is read through usecases/reads/resolution-text.ts (a TextStore installed
 * at start-up); socket re-checks follow domain events (server/events/). Re-exported here
 * while code written against the old path is converted.
 */
export { changeText, currentParagraphs, currentState } from '../usecases/reads/resolution-text';
