/**
 * What the collaboration service's metrics cost its relay, per update, in this process:
 * the hooks an update passes (arrival, guard check) and its share of a group commit and a
 * broadcast (6 updates merged, 1,000 peers), against the same loop without them.
 *
 *   node --import tsx bench/measure/collab-metrics-cost.ts
 */
import { batchStored, broadcastStarting, guardChecked, updateArrived } from '../../server/observability/collab-metrics';

const MERGED = 6;
const peers = new Set<object>(Array.from({ length: 1000 }, () => ({})));
const from = peers.values().next().value;

function perUpdateNs(n: number, hooks: boolean): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const updates: Uint8Array[] = [];
    for (let j = 0; j < MERGED; j++) {
      const update = new Uint8Array(40);
      const arrivedAt = performance.now();
      if (hooks) {
        updateArrived(update, arrivedAt);
        guardChecked(arrivedAt);
      } else sink += arrivedAt;
      updates.push(update);
    }
    if (hooks) {
      batchStored(MERGED, performance.now());
      broadcastStarting(updates, peers, from)();
    } else sink += updates.length;
  }
  if (sink < 0) console.log(sink);
  return Number(process.hrtime.bigint() - started) / (n * MERGED);
}

for (let k = 0; k < 3; k++) {
  perUpdateNs(50_000, true);
  perUpdateNs(50_000, false);
}
for (let k = 0; k < 5; k++) {
  const with_ = perUpdateNs(100_000, true);
  const without = perUpdateNs(100_000, false);
  console.log(`with the hooks ${with_.toFixed(0)} ns/update, without ${without.toFixed(0)} ns/update`);
}
