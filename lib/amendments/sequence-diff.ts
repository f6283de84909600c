/**
 * Myers' O((N+M)·D) difference algorithm on two token lists ("An O(ND) Difference
 * Algorithm and Its Variations", 1986). A paragraph of 200 words is about 450 tokens and
 * an amendment changes a few of them, so D is small and this runs in well under a
 * millisecond, where a full LCS table would cost N·M cells every time.
 */

export type EditOp = 'equal' | 'insert' | 'delete';

/**
 * Beyond this many inserted + deleted tokens the texts have little in common and a
 * token-precise diff is neither readable nor worth its memory (the trace grows as D²):
 * the middle is reported as one replacement instead.
 */
const MAX_EDIT_DISTANCE = 2000;

/** One op per token: 'equal' consumes a and b, 'delete' consumes a, 'insert' consumes b. */
export function diffSequences(a: readonly string[], b: readonly string[]): EditOp[] {
  // Common prefix and suffix cost nothing to find and keep D (and the trace) small.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;

  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [...Array<EditOp>(prefix).fill('equal'), ...middle, ...Array<EditOp>(suffix).fill('equal')];
}

function myers(a: readonly string[], b: readonly string[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...Array<EditOp>(n).fill('delete'), ...Array<EditOp>(m).fill('insert')];

  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (k = x - y).
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v for diagonals -d..d after step d, needed to walk the path back.
  const trace: Int32Array[] = [];

  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return [...Array<EditOp>(n).fill('delete'), ...Array<EditOp>(m).fill('insert')];
}

function backtrack(trace: Int32Array[], n: number, m: number): EditOp[] {
  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1]; // prev covers diagonals -(d-1)..d-1
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const snakeStartX = down ? prevX : prevX + 1;
    while (x > snakeStartX) {
      ops.push('equal');
      x--;
      y--;
    }
    ops.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0) {
    ops.push('equal');
    x--;
  }
  return ops.reverse();
}
