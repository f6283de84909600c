import type * as Y from 'yjs';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * Which items of a document are deleted, per client: sorted, merged [start, end) pairs
 * in one flat array of small integers. Yjs's own DeleteSet keeps an object per range
 * (about a hundred bytes each with its array); a document with a long history has many
 * ranges, and the live document keeps this for as long as it is open.
 */
export class DeletedRanges {
  private readonly byClient = new Map<number, number[]>();

  static of(ds: DeleteSet): DeletedRanges {
    const ranges = new DeletedRanges();
    ranges.add(ds);
    return ranges;
  }

  /** True when every range `ds` deletes is already deleted here. */
  covers(ds: DeleteSet): boolean {
    for (const [client, items] of ds.clients) {
      const pairs = this.byClient.get(client);
      for (const item of items) {
        if (item.len === 0) continue;
        if (!pairs || !coveredBy(pairs, item.clock, item.clock + item.len)) return false;
      }
    }
    return true;
  }

  add(ds: DeleteSet): void {
    for (const [client, items] of ds.clients) {
      if (items.length === 0) continue;
      const pairs = this.byClient.get(client) ?? [];
      for (const item of items) if (item.len > 0) pairs.push(item.clock, item.clock + item.len);
      this.byClient.set(client, sortAndMerge(pairs));
    }
  }
}

/** Binary search for the last pair starting at or before `start`; it must reach `end`. */
function coveredBy(pairs: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid * 2] <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && pairs[found * 2 + 1] >= end;
}

function sortAndMerge(pairs: number[]): number[] {
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => pairs[a * 2] - pairs[b * 2]);
  const merged: number[] = [];
  for (const i of order) {
    const start = pairs[i * 2];
    const end = pairs[i * 2 + 1];
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]) merged[last] = Math.max(merged[last], end);
    else merged.push(start, end);
  }
  return merged;
}
