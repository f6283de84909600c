/**
 * Each edit carries a marker "{#run.editor.seq@sentUs}" in its inserted text. Yjs (update
 * format v1, the one y-websocket speaks) stores inserted strings as plain UTF-8, and the
 * editors only ever insert at the end of their own previous insertion, so no item is ever
 * split: every marker appears whole in any update that carries it — relayed as is, merged
 * with others, or inside a full-state sync step 2. A receiver therefore finds arrivals by
 * scanning the bytes it receives, without decoding or applying anything; that is what
 * lets one process hold 1,000 receivers. (A few "verifier" receivers apply everything to a
 * real Y.Doc as well and check the converged text; see client.ts.)
 */
const DOT = 0x2e;
const AT = 0x40;
const CLOSE = 0x7d; // }
const OPEN = Buffer.from('{#');

const WORDS = ['whereas', 'recalling', 'urges', 'notes', 'calls upon', 'decides', 'welcomes', 'invites'];

export function formatMarker(run: number, editor: number, seq: number, sentUs: number): string {
  return `{#${run}.${editor}.${seq}@${Math.round(sentUs)}}`;
}

/** The short text an editor types: a word and its marker. */
export function editText(run: number, editor: number, seq: number, sentUs: number): string {
  return ` ${WORDS[(editor + seq) % WORDS.length]} ${formatMarker(run, editor, seq, sentUs)}`;
}

export type MarkerVisitor = (run: number, editor: number, seq: number, sentUs: number) => void;

/** Reads an unsigned decimal at pos; returns [value, next position] or null. */
function readNumber(buf: Uint8Array, pos: number, end: number): [number, number] | null {
  let value = 0;
  const start = pos;
  while (pos < end && buf[pos] >= 0x30 && buf[pos] <= 0x39 && pos - start < 16)
    value = value * 10 + (buf[pos++] - 0x30);
  return pos === start ? null : [value, pos];
}

/** Visits every well-formed marker in the bytes; returns how many it found. */
export function scanMarkers(buf: Buffer, visit: MarkerVisitor): number {
  let found = 0;
  let pos = buf.indexOf(OPEN);
  const end = buf.length;
  while (pos !== -1) {
    const parsed = parseAt(buf, pos + 2, end);
    if (parsed) {
      visit(parsed[0], parsed[1], parsed[2], parsed[3]);
      found++;
    }
    pos = buf.indexOf(OPEN, pos + 2);
  }
  return found;
}

function parseAt(buf: Uint8Array, pos: number, end: number): [number, number, number, number] | null {
  const run = readNumber(buf, pos, end);
  if (!run || buf[run[1]] !== DOT) return null;
  const editor = readNumber(buf, run[1] + 1, end);
  if (!editor || buf[editor[1]] !== DOT) return null;
  const seq = readNumber(buf, editor[1] + 1, end);
  if (!seq || buf[seq[1]] !== AT) return null;
  const sent = readNumber(buf, seq[1] + 1, end);
  if (!sent || buf[sent[1]] !== CLOSE) return null;
  return [run[0], editor[0], seq[0], sent[0]];
}

/** Markers in a document's text (verifiers): "run.editor.seq" → occurrences. */
export function countMarkersInText(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\{#(\d+)\.(\d+)\.(\d+)@\d+\}/g)) {
    const key = `${m[1]}.${m[2]}.${m[3]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
