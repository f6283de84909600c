/**
 * Statements sent now, in the order given, and awaited together: on one connection (a
 * transaction) they travel back to back and run in that order, so they cost one round trip
 * instead of one each — on PGlite each round trip is a message to its thread and back,
 * answered only when the server's main thread next gets a turn. Only for statements that do
 * not need each other's results. Drizzle's builders start when `then` is called, which this
 * does at once, so the order is the arguments' order, not the microtask queue's.
 *
 * If one fails, those after it fail too (the transaction is aborted); every failure is
 * handled here and the first one is thrown.
 */
export function together<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: PromiseLike<T[K]> }
): Promise<T> {
  const sent = statements.map((s) => new Promise((resolve, reject) => s.then(resolve, reject)));
  return Promise.all(sent) as unknown as Promise<T>;
}
