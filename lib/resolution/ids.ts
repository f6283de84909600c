/** A new stable paragraph id: short, URL-safe, random enough that clients never collide. */
export function newParagraphId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `p-${s}`;
}
