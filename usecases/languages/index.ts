/**
 * Language versions (issue 16), one act per file: add a version (and change its frame or
 * whether it is official), translate or confirm a paragraph, import a translated file,
 * translate a statement or an amendment. Reads (language-text.ts) and the publication gate
 * (publication-gate.ts, run inside the publishing transaction) sit beside them. Adapters
 * call them as `execute(languages.add, …)` or `act(languages.add, …)`.
 */
export { addLanguage as add, updateLanguage as update } from './add-language';
export { translateParagraph, confirmParagraph } from './translate-paragraph';
export { importTranslation as importText } from './import-translation';
export { translateReservation, translateAmendment } from './translate-statement';
