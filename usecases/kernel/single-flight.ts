/**
 * Work whose answer must reflect everything written before the call, but that many callers
 * ask for at once (the live tally while 190 delegations vote in the same second). A call
 * joins the run that starts after it — never one already under way, which might have read
 * too early — so N concurrent callers cost about two runs instead of N.
 */
interface Slot<T> {
  running: Promise<T> | null;
  next: Promise<T> | null;
}

const slots = new Map<string, Slot<unknown>>();

export function freshResult<T>(key: string, compute: () => Promise<T>): Promise<T> {
  let slot = slots.get(key) as Slot<T> | undefined;
  if (!slot) {
    slot = { running: null, next: null };
    slots.set(key, slot as Slot<unknown>);
  }
  const s = slot;
  const start = (): Promise<T> => {
    const run = compute().finally(() => {
      if (s.running === run) s.running = null;
      if (!s.running && !s.next) slots.delete(key);
    });
    s.running = run;
    return run;
  };
  if (!s.running) return start();
  if (!s.next) {
    s.next = s.running
      .catch(() => undefined)
      .then(() => {
        s.next = null;
        return start();
      });
  }
  return s.next;
}
