import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, reservations, resolutions, versions } from '@/db/schema';
import { createCommittee } from '@/db/commands/committee-roster';
import { importResolution } from '@/db/commands/resolution-importer';
import { seedDemoOnce } from '@/db/commands/demo-seeder';
import { loadDocState } from '@/db/queries/doc-state';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { DomainError } from '@/lib/errors';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

const example = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../data/ipu-122nd-assembly-resolution.txt'),
  'utf8',
);

describe.each(testDatabaseKinds())('importing a resolution (%s)', (kind) => {
  let database: TestDatabase;
  let committeeId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    committeeId = (
      await createCommittee(database.db, { slug: 'c', name: 'C', sessionLabel: '122nd IPU Assembly', place: 'Bangkok' })
    ).id;
  });
  afterAll(() => database?.close());

  it('stores the example as a Yjs document with 15 preambular and 35 operative paragraphs, numbered from position', async () => {
    const { resolution } = await importResolution(database.db, {
      committeeId,
      actorId: null,
      text: example,
      title: 'Example',
    });
    expect(resolution.stage).toBe('drafting');
    expect(resolution.enactingFormula).toBe('The 122nd Assembly of the Inter-Parliamentary Union,');
    const paragraphs = numberParagraphs(decodeParagraphs((await loadDocState(database.db, resolution.id)).update));
    expect(paragraphs.filter((p) => p.kind === 'preambular')).toHaveLength(15);
    expect(paragraphs.filter((p) => p.kind === 'operative')).toHaveLength(35);
    const op8 = paragraphs.find((p) => p.label === 'OP 8')!;
    expect(op8.text).toMatch(/^Encourages parliaments to mainstream gender equality concerns in all legislation/);
    expect(new Set(paragraphs.map((p) => p.id)).size).toBe(50);
    // A draft leaves the adoption and the reservation out, so the procedure can be played.
    expect(
      await database.db.select().from(reservations).where(eq(reservations.resolutionId, resolution.id)),
    ).toHaveLength(0);
    expect(await database.db.select().from(versions).where(eq(versions.resolutionId, resolution.id))).toHaveLength(1);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.resolutionId, resolution.id));
    expect(audit.map((a) => a.action)).toEqual(['resolution.imported']);
  });

  it('with "as adopted" records the adoption and Iran’s reservation on OP 8 (for the archive)', async () => {
    const { resolution } = await importResolution(database.db, {
      committeeId,
      actorId: null,
      text: example,
      asAdopted: true,
      createDelegations: true,
    });
    expect(resolution.stage).toBe('adopted');
    expect(resolution.adoptedOn).toBe('2010-04-01');
    expect(resolution.adoption).toMatchObject({ method: 'consensus', place: 'Bangkok', body: '122nd IPU Assembly' });
    const [reservation] = await database.db
      .select()
      .from(reservations)
      .where(eq(reservations.resolutionId, resolution.id));
    const paragraphs = numberParagraphs(decodeParagraphs((await loadDocState(database.db, resolution.id)).update));
    expect(paragraphs.find((p) => p.id === reservation.paragraphId)?.label).toBe('OP 8');
    expect(reservation.text).toBe('in relation to the concept of "gender equality".');
  });

  it('refuses text that is not a resolution with line numbers, and saves nothing', async () => {
    const before = await database.db.select().from(resolutions);
    const attempt = importResolution(database.db, {
      committeeId,
      actorId: null,
      text: 'Dear colleagues,\n\nlunch is at noon.\n\n{"x": 1}\n',
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    const error = (await attempt.catch((e: unknown) => e)) as DomainError;
    expect(error.issues?.[0].line).toBeGreaterThan(0);
    expect(await database.db.select().from(resolutions)).toHaveLength(before.length);
  });

  it('seeds the demo once: a second start changes nothing', async () => {
    expect(await seedDemoOnce(database.db)).toBe(true);
    const count = (await database.db.select().from(resolutions)).length;
    expect(await seedDemoOnce(database.db)).toBe(false);
    expect(await database.db.select().from(resolutions)).toHaveLength(count);
  });
});
