/**
 * The word diff behind every redline: time per diff of a 200-word paragraph rewritten
 * throughout (the worst case a delegate produces), printed, not asserted — a timing bar in
 * a unit test fails on a loaded machine and proves nothing on an idle one.
 *
 *   node --import tsx bench/measure/word-diff.ts [rounds]
 */
import { diffWords } from '../../lib/amendments/diff';

const rounds = Math.max(1, Math.min(10_000, Number(process.argv[2] ?? 200) || 200));
const words = (seed: number) => Array.from({ length: 200 }, (_, i) => `w${(i * seed) % 53}`).join(' ');
const a = words(7);
const b = words(11);
for (let i = 0; i < 20; i++) diffWords(a, b); // warm the JIT
const times: number[] = [];
for (let i = 0; i < rounds; i++) {
  const started = performance.now();
  diffWords(a, b);
  times.push(performance.now() - started);
}
times.sort((x, y) => x - y);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(`word diff, 200 words rewritten throughout, ${rounds} rounds: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
