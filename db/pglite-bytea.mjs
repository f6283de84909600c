// PGlite's own bytea codec turns each byte into a string of its own (Array.from(bytes).map
// (toString(16))) and parses them back one parseInt at a time: a document's snapshot of a
// megabyte then holds PGlite's thread for hundreds of milliseconds each way, and every
// group commit of the collaboration relay waits behind it. Node's hex codec does the same
// conversion natively. Plain JS: the PGlite worker imports it outside the TypeScript loader.

const BYTEA = 17;

/** @param {Uint8Array} bytes */
function serialize(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/**
 * A plain Uint8Array of its own, as PGlite returns: Node's small Buffers are slices of a
 * shared pool, which a postMessage to the main thread would copy whole.
 * @param {string} text
 */
function parse(text) {
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/** PGlite options: its bytea serializer and parser replaced. */
export const byteaCodec = { serializers: { [BYTEA]: serialize }, parsers: { [BYTEA]: parse } };
