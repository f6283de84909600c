import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { byteaCodec } from '@/db/pglite-bytea.mjs';
import { pgliteDump } from '../helpers/database';

/**
 * Yjs updates and snapshots are stored as bytea: PGlite's bytea codec is replaced by Node's
 * hex codec (db/pglite-bytea.mjs), which must give back exactly the bytes it was given,
 * whether PGlite runs in its worker (as the server has it) or on the caller's thread.
 */
const everyByte = () => {
  // A view into a larger buffer: only its own bytes may be sent.
  const buffer = new Uint8Array(300);
  buffer.fill(0xee);
  const view = buffer.subarray(20, 276);
  for (let i = 0; i < view.length; i++) view[i] = i;
  return view;
};

describe('the PGlite bytea codec', () => {
  it('writes only the bytes of a view, in hex, and reads them back as a Uint8Array of their own', () => {
    const serialize = byteaCodec.serializers![17];
    const parse = byteaCodec.parsers![17];
    const text = serialize(everyByte());
    expect(text).toBe(`\\x${Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join('')}`);
    const back = parse(text) as Uint8Array;
    expect(back).toEqual(new Uint8Array(Array.from({ length: 256 }, (_, i) => i)));
    expect(back.byteOffset).toBe(0);
    expect(back.buffer.byteLength).toBe(256);
    expect(() => serialize('not bytes')).toThrow();
  });

  const opened: Database[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  for (const inThread of [false, true]) {
    it(`round-trips every byte value and an empty value through PGlite ${inThread ? 'on this thread' : 'in its worker'}`, async () => {
      const database = await openDatabase({ inThread, fromDump: pgliteDump() });
      opened.push(database);
      const large = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
      for (const bytes of [everyByte(), new Uint8Array(0), large]) {
        const result = (await database.db.execute(
          sql`select ${bytes}::bytea as b, length(${bytes}::bytea) as n`,
        )) as unknown as {
          rows: { b: Uint8Array; n: number }[];
        };
        expect(result.rows[0].n).toBe(bytes.byteLength);
        expect(new Uint8Array(result.rows[0].b)).toEqual(new Uint8Array(bytes));
      }
    });
  }
});
