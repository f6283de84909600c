import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { delegations, reservations, users } from '@/db/schema';
import { createCommittee } from '@/db/commands/committee-roster';
import { importResolution } from '@/db/commands/resolution-importer';
import { recordReservation } from '@/db/commands/reservation-recorder';
import { akomaNtosoMetadataOf, publishedDocumentOf } from '@/db/queries/publication';
import { renderAkomaNtoso } from '@/lib/publication/akoma-ntoso';
import { akomaNtosoErrors } from '../helpers/akoma-ntoso';
import { loadDocState } from '@/db/queries/doc-state';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { renderPublishedText } from '@/lib/publication/plain-text';
import { renderDraftText } from '@/lib/resolution/plaintext';
import { parseResolutionText } from '@/lib/resolution/parse';
import { DomainError } from '@/lib/errors';
import { renderPublishedDocx } from '@/lib/publication/docx';
import { docxToText } from '@/lib/resolution/docx';
import { createDocxReader } from '@/server/docx-reader';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * Issue 12, "What is imported as adopted publishes unchanged": each shape, imported as
 * adopted and published, exports as text equal to the input from its heading to its last
 * footnote (whitespace normalised, no-break spaces kept distinct); imported as a draft it
 * exports without heading and footnotes and re-imports identically.
 */
const readDocx = createDocxReader();
const shapes = path.resolve(import.meta.dirname, '../fixtures/shapes');
const read = (name: string) => fs.readFileSync(path.join(shapes, name), 'utf8');
const example = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../data/ipu-122nd-assembly-resolution.txt'),
  'utf8',
);

/** Layout whitespace collapsed; a no-break space inside a line stays what it is (one ending a line is layout). */
const normalised = (text: string) =>
  text
    .replace(/\u00a0+(?=[ \t]*(\r?\n|$))/g, '')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();

/** The published part of a printed text: from its heading (cover lines above it dropped) to its last footnote. */
function publishedPart(text: string, firstLine: RegExp, lastLine?: RegExp): string {
  const lines = text.split(/\r?\n/);
  const from = lines.findIndex((l) => firstLine.test(l));
  const to = lastLine ? lines.findIndex((l) => lastLine.test(l)) : lines.length - 1;
  return normalised(lines.slice(from, to + 1).join('\n'));
}

const ADOPTED_SHAPES = [
  { file: 'ipu-assembly.txt', first: /^Resolution adopted/ },
  { file: 'ipu-sub-sub-paragraphs.txt', first: /^Resolution adopted/ },
  { file: 'un-general-assembly.txt', first: /^Resolution adopted/ },
  { file: 'un-security-council.txt', first: /^Resolution 2799/ },
  { file: 'pace.txt', first: /^Resolution 2512/ },
  { file: 'pdf-hard-wrapped.txt', first: /^Resolution adopted/ },
];

describe.each(testDatabaseKinds())('every resolution shape, imported and published (%s)', (kind) => {
  let database: TestDatabase;
  let committeeId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    committeeId = (await createCommittee(database.db, { slug: 'shapes', name: 'Shapes', sessionLabel: '', place: '' }))
      .id;
  });
  afterAll(() => database?.close());

  const importAdopted = (text: string) =>
    importResolution(database.db, { committeeId, actorId: null, text, asAdopted: true, createDelegations: true });

  it.each(ADOPTED_SHAPES)(
    '$file, imported as adopted, publishes unchanged from heading to last footnote',
    async ({ file, first }) => {
      const input = read(file);
      const { resolution } = await importAdopted(input);
      expect(resolution.stage).toBe('adopted');
      const published = renderPublishedText(await publishedDocumentOf(database.db, resolution));
      expect(normalised(published)).toBe(publishedPart(input, first));
    },
  );

  it.each(ADOPTED_SHAPES)(
    '$file, published as Word, re-imports through the .docx import to the same structure',
    async ({ file }) => {
      const { resolution, parsed } = await importAdopted(read(file));
      const docx = await renderPublishedDocx(await publishedDocumentOf(database.db, resolution));
      const again = parseResolutionText(await docxToText(docx, readDocx));
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      const shape = (p: { kind: string; text: string }) => [p.kind, p.text];
      expect(again.resolution.paragraphs.map(shape)).toEqual(parsed.paragraphs.map(shape));
      expect(again.resolution.heading).toBe(parsed.heading);
      expect(again.resolution.adoption).toEqual(parsed.adoption);
      expect(again.resolution.enactingFormula).toBe(parsed.enactingFormula);
      expect(again.resolution.trailer).toEqual(parsed.trailer);
      expect(again.resolution.footnotes.map((f) => [f.marker, f.text])).toEqual(
        parsed.footnotes.map((f) => [f.marker, f.text]),
      );
      expect(again.resolution.reservations.map((r) => [r.delegation, r.kind, r.target])).toEqual(
        parsed.reservations.map((r) => [r.delegation, r.kind, r.target]),
      );
    },
  );

  it('the 122nd IPU Assembly example publishes unchanged, its no-break spaces kept', async () => {
    const { resolution } = await importAdopted(example);
    const published = renderPublishedText(await publishedDocumentOf(database.db, resolution));
    expect(published).toContain('resolution 63/194 of 18\u00a0December 2008');
    expect(normalised(published)).toBe(publishedPart(example, /^Resolution adopted/, /^\* The delegation/));
  });

  it('records what each shape states: title, symbol, adoption and the vote counts of the adopting vote', async () => {
    const ga = (await importAdopted(read('un-general-assembly.txt'))).resolution;
    expect(ga).toMatchObject({
      title: 'Protection of coastal wetlands for present and future generations',
      symbol: '78/233',
      adoptedOn: '2023-12-14',
      enactingFormula: 'The General Assembly,',
    });
    expect(ga.adoption).toMatchObject({
      method: 'recorded_vote',
      body: 'General Assembly',
      votes: { yes: 112, no: 9, abstain: 44 },
    });
    const sc = (await importAdopted(read('un-security-council.txt'))).resolution;
    expect(sc).toMatchObject({ title: 'Resolution 2799 (2025)', symbol: '2799 (2025)', adoptedOn: '2025-03-12' });
    expect(sc.adoption).toMatchObject({ method: 'vote', body: 'Security Council' });
    const pace = (await importAdopted(read('pace.txt'))).resolution;
    expect(pace).toMatchObject({
      title: 'Safeguarding the independence of public service broadcasters',
      symbol: '2512 (2024)',
      subparagraphNumbering: 'decimal',
      adoptedOn: '2024-01-24',
    });
  });

  it('a statement on a sub-paragraph is recorded on that sub-paragraph, and the grouped footnote prints as printed', async () => {
    const { resolution } = await importAdopted(read('ipu-assembly.txt'));
    const paragraphs = numberParagraphs(decodeParagraphs((await loadDocState(database.db, resolution.id)).update));
    const rows = await database.db
      .select({ paragraphId: reservations.paragraphId, kind: reservations.kind, delegation: delegations.name })
      .from(reservations)
      .innerJoin(delegations, eq(delegations.id, reservations.delegationId))
      .where(eq(reservations.resolutionId, resolution.id))
      .orderBy(reservations.footnoteOrder);
    const labelOf = (id: string | null) => paragraphs.find((p) => p.id === id)?.label;
    expect(rows.map((r) => [r.delegation, r.kind, labelOf(r.paragraphId)])).toEqual([
      ['Türkiye', 'reservation', 'OP 3'],
      ["Côte d'Ivoire", 'reservation', 'OP 3'],
      ['Bosnia and Herzegovina', 'dissociation', '2 (b)'],
    ]);
    const doc = await publishedDocumentOf(database.db, resolution);
    expect(doc.headingLines[0]).toBe('Resolution adopted by consensus* by the 148th IPU Assembly');
    expect(doc.footnotes).toEqual([
      "* The delegations of Türkiye and Côte d'Ivoire expressed reservations on operative paragraph 3. The delegation of Bosnia and Herzegovina dissociated itself from operative paragraph 2 (b).",
    ]);
  });

  it('a statement recorded since gets its own footnote by the convention, after the printed one', async () => {
    const { resolution } = await importAdopted(read('ipu-assembly.txt'));
    const paragraphs = numberParagraphs(decodeParagraphs((await loadDocState(database.db, resolution.id)).update));
    const [greece] = await database.db.insert(delegations).values({ committeeId, name: 'Greece' }).returning();
    const op2a = paragraphs.find((p) => p.label === '2 (a)')!;
    const [clerk] = await database.db
      .insert(users)
      .values({ email: `clerk-${kind}@example.org`, name: 'Clerk' })
      .returning();
    await recordReservation(database.db, {
      resolutionId: resolution.id,
      delegationId: greece.id,
      paragraphId: op2a.id,
      kind: 'interpretative_statement',
      text: 'on the scope of "early-warning systems".',
      actorId: clerk.id,
      paragraphIds: paragraphs.map((p) => p.id),
    });
    const doc = await publishedDocumentOf(database.db, resolution);
    expect(doc.headingLines[0]).toBe('Resolution adopted by consensus*,** by the 148th IPU Assembly');
    expect(doc.footnotes[1]).toBe(
      '** The delegation of Greece made an interpretative statement on operative paragraph 2 (a) on the scope of "early-warning systems".',
    );
  });

  it('a dissociation from a sub-sub-paragraph is recorded on it, and every export is valid', async () => {
    const { resolution } = await importAdopted(read('ipu-sub-sub-paragraphs.txt'));
    const paragraphs = numberParagraphs(decodeParagraphs((await loadDocState(database.db, resolution.id)).update));
    const [row] = await database.db.select().from(reservations).where(eq(reservations.resolutionId, resolution.id));
    expect(paragraphs.find((p) => p.id === row.paragraphId)?.label).toBe('1 (a) (ii)');
    const doc = await publishedDocumentOf(database.db, resolution);
    const akn = renderAkomaNtoso(doc, await akomaNtosoMetadataOf(database.db, resolution, doc));
    expect(akn).toContain('eId="para_1__para_a__para_ii"');
    expect(await akomaNtosoErrors(akn)).toEqual([]);
  });

  it('refuses an adopted text naming delegations the committee lacks unless asked to create them', async () => {
    const fresh = await createCommittee(database.db, { slug: 'fresh', name: 'Fresh', sessionLabel: '', place: '' });
    const attempt = importResolution(database.db, {
      committeeId: fresh.id,
      actorId: null,
      text: read('ipu-assembly.txt'),
      asAdopted: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toThrow(/Türkiye, Côte d'Ivoire, Bosnia and Herzegovina/);
    expect(await database.db.select().from(delegations).where(eq(delegations.committeeId, fresh.id))).toEqual([]);
  });

  it.each([
    'ipu-assembly.txt',
    'un-general-assembly.txt',
    'un-security-council.txt',
    'pace.txt',
    'committee-draft.txt',
    'pdf-hard-wrapped.txt',
  ])('%s, imported as a draft, exports without heading and footnotes and re-imports identically', async (file) => {
    const { resolution, parsed } = await importResolution(database.db, {
      committeeId,
      actorId: null,
      text: read(file),
    });
    const exported = renderDraftText({
      heading: null,
      enactingFormula: resolution.enactingFormula,
      paragraphs: decodeParagraphs((await loadDocState(database.db, resolution.id)).update),
      subparagraphNumbering: resolution.subparagraphNumbering,
    });
    expect(exported).not.toMatch(/^Resolution|^\*/m);
    const again = parseResolutionText(exported);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    const shape = (p: { kind: string; text: string }) => [p.kind, p.text];
    expect(again.resolution.paragraphs.map(shape)).toEqual(parsed.paragraphs.map(shape));
    expect(again.resolution.enactingFormula).toBe(parsed.enactingFormula);
    expect(again.resolution.subparagraphNumbering).toBe(parsed.subparagraphNumbering);
  });
});
