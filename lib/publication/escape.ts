/**
 * Text into markup. Both HTML and XML get the five entities, so the result is safe in
 * element content and in attribute values alike. Characters XML 1.0 forbids (C0 controls
 * other than tab and newline, lone surrogates) are dropped: one stray control character
 * pasted from a word processor would otherwise make the whole export unreadable.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find the control characters XML 1.0 forbids, to drop them
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
