/**
 * Roll-call order as the IPU and the UN take it: the Secretary General draws one delegation
 * by lot, and the roll is called in English alphabetical order starting from it, wrapping
 * round to the beginning of the alphabet.
 */

/** Sorts delegation names the way a printed list of countries is sorted in English. */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function alphabetical(names: readonly string[]): string[] {
  return [...names].sort(collator.compare);
}

export function rollCallOrder(delegationNames: readonly string[], drawnFirst: string): string[] {
  const sorted = alphabetical(delegationNames);
  const start = sorted.indexOf(drawnFirst);
  if (start < 0) throw new RangeError(`"${drawnFirst}" was drawn first but is not among the delegations voting`);
  return [...sorted.slice(start), ...sorted.slice(0, start)];
}

/**
 * Draws the delegation that votes first. `random` returns a number in [0, 1) (Math.random,
 * or a seeded generator so the draw can be replayed for the record). The draw is made from
 * the alphabetical list, so the same random number picks the same delegation whatever order
 * the names arrive in.
 */
export function drawByLot(names: readonly string[], random: () => number): string {
  if (names.length === 0) throw new RangeError('cannot draw by lot from an empty list of delegations');
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() returned ${r}; it must return a number in [0, 1)`);
  const sorted = alphabetical(names);
  return sorted[Math.floor(r * sorted.length)];
}
