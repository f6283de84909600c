/**
 * What a document's snapshot costs PGlite's thread with PGlite's own bytea codec and with
 * Node's hex codec (db/pglite-bytea.mjs): the upsert a compaction runs and the read an open
 * runs, of a state the size B2's document reaches (about 1 MB of Yjs text), alternating the
 * two PGlite instances round by round in one process so machine load hits both alike. While
 * this runs, every group commit of the relay waits.
 *
 *   node --import tsx bench/measure/snapshot-codec.ts [--rounds 8] [--json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { byteaCodec } from '../../db/pglite-bytea.mjs';
import { editText } from '../load/marker';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROUNDS = Number(arg('--rounds', '8'));

/** B2's typing as bytes: words and markers, as a Yjs state of typed text mostly is. */
const state = new TextEncoder().encode(
  Array.from({ length: 32_000 }, (_, k) => editText(9, k % 150, Math.floor(k / 150), 300_000_000 + k * 1000)).join(''),
);

const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);

async function main() {
  const dirs: string[] = [];
  const variants = await Promise.all(
    (['PGlite codec', 'Node hex codec'] as const).map(async (name) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'snapshot-codec-'));
      dirs.push(dir);
      const pg = new PGlite(dir, name === 'Node hex codec' ? byteaCodec : {});
      await pg.waitReady;
      await pg.exec('create table doc_snapshots (resolution_id int primary key, state bytea not null)');
      return { name, pg, upsert: [] as number[], read: [] as number[] };
    }),
  );
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of r % 2 ? [...variants].reverse() : variants) {
      let t = performance.now();
      await v.pg.query(
        'insert into doc_snapshots values (1, $1) on conflict (resolution_id) do update set state = excluded.state',
        [state],
      );
      v.upsert.push(performance.now() - t);
      t = performance.now();
      const { rows } = await v.pg.query<{ state: Uint8Array }>(
        'select state from doc_snapshots where resolution_id = 1',
      );
      v.read.push(performance.now() - t);
      if (Buffer.compare(Buffer.from(rows[0].state), state) !== 0) throw new Error(`${v.name}: the bytes changed`);
    }
  }
  const result = {
    measured: new Date().toISOString(),
    loadAverage: os.loadavg(),
    stateBytes: state.byteLength,
    rounds: ROUNDS,
    variants: variants.map((v) => ({
      name: v.name,
      upsertMedianMs: median(v.upsert),
      readMedianMs: median(v.read),
      upsertMs: v.upsert.map((x) => +x.toFixed(1)),
      readMs: v.read.map((x) => +x.toFixed(1)),
    })),
  };
  console.log(JSON.stringify(result, null, 2));
  const out = arg('--json', '');
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  for (const v of variants) await v.pg.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

await main();
