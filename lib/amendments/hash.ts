/**
 * A stable fingerprint of a paragraph's text, stored with an amendment as `baseHash` so a
 * list of amendments can be flagged stale without comparing whole texts.
 *
 * FNV-1a 64 over the UTF-8 bytes: synchronous (crypto.subtle.digest is async, which would
 * spread through every caller), identical in Node and the browser, and plenty for detecting
 * change; it is not a security measure, nothing trusts it against a deliberate collision.
 * The text is NFC-normalised first so "é" typed as one or two code points hashes alike.
 */
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;

/** 16 lowercase hex digits. */
export function hashText(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text.normalize('NFC'))) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * PRIME);
  }
  return hash.toString(16).padStart(16, '0');
}
