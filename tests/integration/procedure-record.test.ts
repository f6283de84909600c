import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { akomaNtosoErrors } from '../helpers/akoma-ntoso';
import { installDatabase, type Db } from '@/db/client';
import { auditEvents, reservations } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { changeText } from '@/server/resolution-text';
import { readParagraphs, writeParagraphs } from '@/lib/text/ydoc';
import { createDocxReader } from '@/server/docx-reader';
import { docxToText } from '@/lib/resolution/docx';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';
import {
  delegationIds,
  paragraphsOf,
  resolutionAtVoting,
  storedSnapshot,
  tokenFor,
  userId,
} from './procedure-fixtures';

const readDocx = createDocxReader();

/** Reservations, publication, exports and the audit record (issue 5 §1, §4, §6). */

for (const kind of testDatabaseKinds()) {
  describe(`reservations, publication and the audit record on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    let committeeId: string;
    let d: Record<string, string>;
    const token: Record<string, string> = {};

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      db = database.db;
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ committeeId } = await seedDemo(db));
      d = await delegationIds(db, committeeId);
      for (const who of ['chair', 'secretariat', 'iran', 'canada', 'observer']) token[who] = await tokenFor(db, who);
    });
    afterAll(() => database?.close());

    const reserve = (id: string, who: string, body: Record<string, unknown>) =>
      callRoute('POST', '/resolutions/{id}/reservations', { token: token[who], params: { id }, body });
    const adopt = (id: string) =>
      okJson(
        callRoute('POST', '/resolutions/{id}/adoption', {
          token: token.chair,
          params: { id },
          body: { method: 'consensus', date: '2010-04-01', place: 'Bangkok' },
        }),
      );

    it('a reservation on OP 2 prints the number at publication: "operative paragraph 3" after a paragraph is inserted before it', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const op2 = (await paragraphsOf(db, resolution.id)).find((p) => p.label === 'OP 2')!;
      await okJson(
        reserve(resolution.id, 'iran', {
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to the word "report".',
        }),
      );
      // The secretariat's technical correction inserts a new OP 1: the reservation follows its paragraph.
      await changeText(
        db,
        resolution.id,
        (doc: Y.Doc) => {
          const paragraphs = readParagraphs(doc);
          const at = paragraphs.findIndex((p) => p.kind === 'operative');
          writeParagraphs(doc, [
            ...paragraphs.slice(0, at),
            { id: 'new-op', kind: 'operative', text: 'Welcomes the report;' },
            ...paragraphs.slice(at),
          ]);
        },
        { userId: await userId(db, 'secretariat'), label: 'test' },
      );
      const listed = await okJson<{ reservations: unknown[] }>(
        callRoute('GET', '/resolutions/{id}/reservations', { token: token.observer, params: { id: resolution.id } }),
      );
      expect(listed.reservations).toMatchObject([{ paragraphLabel: 'OP 3', delegation: 'Iran (Islamic Rep. of)' }]);
      await adopt(resolution.id);
      const published = await okJson<{
        publishedAt: string | null;
        document: { headingLines: string[]; footnotes: string[] };
      }>(callRoute('GET', '/resolutions/{id}/published', { token: token.observer, params: { id: resolution.id } }));
      expect(published.document.footnotes).toEqual([
        '* The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 3 in relation to the word "report".',
      ]);
      expect(published.document.headingLines[0]).toBe('Resolution adopted by consensus* by the 122nd IPU Assembly');
    });

    it('reservations of several delegations and kinds are combined as a secretariat writes them; a withdrawn one disappears', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const op1 = (await paragraphsOf(db, resolution.id)).find((p) => p.label === 'OP 1')!;
      const words = 'in relation to the word "act".';
      await okJson(reserve(resolution.id, 'iran', { kind: 'reservation', paragraphId: op1.id, text: words }));
      await okJson(
        reserve(resolution.id, 'secretariat', {
          kind: 'reservation',
          paragraphId: op1.id,
          text: words,
          delegationId: d.Canada,
        }),
      );
      await okJson(
        reserve(resolution.id, 'secretariat', {
          kind: 'dissociation',
          paragraphId: null,
          text: '',
          delegationId: d.Kenya,
        }).then(async (r) => {
          // Words are required: a reservation without them says nothing.
          expect(r.status).toBe(400);
          return reserve(resolution.id, 'secretariat', {
            kind: 'dissociation',
            paragraphId: null,
            text: 'as it was not consulted.',
            delegationId: d.Kenya,
          });
        }),
      );
      const thai = await okJson<{ id: string }>(
        reserve(resolution.id, 'secretariat', {
          kind: 'interpretative_statement',
          paragraphId: op1.id,
          text: 'understanding "act" as "legislate".',
          delegationId: d.Thailand,
        }),
      );
      await okJson(
        callRoute('DELETE', '/resolutions/{id}/reservations/{reservationId}', {
          token: token.secretariat,
          params: { id: resolution.id, reservationId: thai.id },
        }),
      );
      await adopt(resolution.id);
      const published = await okJson<{
        publishedAt: string | null;
        document: { headingLines: string[]; footnotes: string[] };
      }>(callRoute('GET', '/resolutions/{id}/published', { token: token.observer, params: { id: resolution.id } }));
      expect(published.document.headingLines[0]).toBe('Resolution adopted by consensus*,** by the 122nd IPU Assembly');
      expect(published.document.footnotes).toEqual([
        '* The delegation of Kenya dissociated itself from the resolution as a whole as it was not consulted.',
        '** The delegations of Canada and Iran (Islamic Rep. of) expressed reservations on operative paragraph 1 in relation to the word "act".',
      ]);
    });

    it('a member records and withdraws only for their own delegation; the chair and observers not at all', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const before = await db.select().from(reservations).where(eq(reservations.resolutionId, resolution.id));
      expect(
        (
          await reserve(resolution.id, 'iran', {
            kind: 'reservation',
            paragraphId: null,
            text: 'on the whole.',
            delegationId: d.Canada,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await reserve(resolution.id, 'chair', {
            kind: 'reservation',
            paragraphId: null,
            text: 'on the whole.',
            delegationId: d.Canada,
          })
        ).status,
      ).toBe(403);
      expect(
        (await reserve(resolution.id, 'observer', { kind: 'reservation', paragraphId: null, text: 'on the whole.' }))
          .status,
      ).toBe(403);
      expect(
        (
          await reserve(resolution.id, 'iran', {
            kind: 'reservation',
            paragraphId: 'no-such-paragraph',
            text: 'on the whole.',
          })
        ).status,
      ).toBe(400);
      expect(await db.select().from(reservations).where(eq(reservations.resolutionId, resolution.id))).toEqual(before);
      const canadas = await okJson<{ id: string }>(
        reserve(resolution.id, 'canada', { kind: 'reservation', paragraphId: null, text: 'on the whole.' }),
      );
      const res = await callRoute('DELETE', '/resolutions/{id}/reservations/{reservationId}', {
        token: token.iran,
        params: { id: resolution.id, reservationId: canadas.id },
      });
      expect(res.status).toBe(403);
      await okJson(
        callRoute('DELETE', '/resolutions/{id}/reservations/{reservationId}', {
          token: token.canada,
          params: { id: resolution.id, reservationId: canadas.id },
        }),
      );
    });

    it('reservations are recorded after adoption up to publication, and refused after', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      await adopt(resolution.id);
      const late = await okJson<{ id: string }>(
        reserve(resolution.id, 'iran', {
          kind: 'interpretative_statement',
          paragraphId: null,
          text: 'on its understanding of the text.',
        }),
      );
      await okJson(
        callRoute('POST', '/resolutions/{id}/publication', { token: token.secretariat, params: { id: resolution.id } }),
      );
      const before = await storedSnapshot(db, resolution.id);
      const refused = await reserve(resolution.id, 'iran', {
        kind: 'reservation',
        paragraphId: null,
        text: 'too late.',
      });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toMatch(/published/);
      const withdraw = await callRoute('DELETE', '/resolutions/{id}/reservations/{reservationId}', {
        token: token.iran,
        params: { id: resolution.id, reservationId: late.id },
      });
      expect(withdraw.status).toBe(409);
      expect(await storedSnapshot(db, resolution.id)).toEqual(before);
      const published = await okJson<{
        publishedAt: string | null;
        document: { headingLines: string[]; footnotes: string[] };
      }>(callRoute('GET', '/resolutions/{id}/published', { token: token.observer, params: { id: resolution.id } }));
      expect(published.publishedAt).toBeTruthy();
      expect(published.document.footnotes).toHaveLength(1);
    });

    it('exports the published text as HTML, PDF, DOCX and Akoma Ntoso valid against the 3.0 schema; a draft only as text', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      const op2 = (await paragraphsOf(db, resolution.id)).find((p) => p.label === 'OP 2')!;
      const draftHtml = await callRoute('GET', '/resolutions/{id}/export', {
        token: token.observer,
        params: { id: resolution.id },
        query: { format: 'html' },
      });
      expect(draftHtml.status).toBe(409);
      // A separate vote on OP 2 (recorded in the Akoma Ntoso analysis), then adoption.
      const vote = await okJson<{ id: string }>(
        callRoute('POST', '/resolutions/{id}/votes', {
          token: token.chair,
          params: { id: resolution.id },
          body: { subject: { kind: 'paragraph', paragraphId: op2.id }, method: 'show_of_hands' },
        }),
      );
      await okJson(
        callRoute('POST', '/votes/{voteId}/close', {
          token: token.chair,
          params: { voteId: vote.id },
          body: { counts: { yes: 9, no: 2, abstain: 1 } },
        }),
      );
      await okJson(
        reserve(resolution.id, 'iran', {
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to the word "report".',
        }),
      );
      await adopt(resolution.id);
      const get = (format: string) =>
        callRoute('GET', '/resolutions/{id}/export', {
          token: token.observer,
          params: { id: resolution.id },
          query: { format },
        });

      const html = await (await get('html')).text();
      expect(html).toContain('Resolution adopted by consensus');
      expect(html).toContain('operative paragraph 2');
      const pdf = new Uint8Array(await (await get('pdf')).arrayBuffer());
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      const docx = await get('docx');
      expect(docx.headers.get('content-type')).toContain('wordprocessingml');
      expect(await docxToText(new Uint8Array(await docx.arrayBuffer()), readDocx)).toContain(
        'The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 2',
      );
      const akn = await (await get('akn')).text();
      expect(akn).toContain('<statement name="resolution">');
      expect(akn).toContain('eId="para_2"');
      expect(akn).toMatch(/<quorumVerification|<voting/);
      expect(await akomaNtosoErrors(akn)).toEqual([]);
      const text = await (await get('text')).text();
      expect(
        text.startsWith(
          'Resolution adopted by consensus* by the 122nd IPU Assembly\n(Bangkok, 1 April 2010)\n\nThe Assembly,',
        ),
      ).toBe(true);
    });

    it('the audit chain verifies, and changing one stored row is detected at that row', async () => {
      const resolution = await resolutionAtVoting(db, committeeId);
      await okJson(reserve(resolution.id, 'iran', { kind: 'reservation', paragraphId: null, text: 'on the whole.' }));
      await adopt(resolution.id);
      const verify = () =>
        okJson<{ ok: boolean; brokenAtSeq?: number; reason?: string }>(
          callRoute('GET', '/resolutions/{id}/audit/verify', { token: token.observer, params: { id: resolution.id } }),
        );
      expect(await verify()).toMatchObject({ ok: true });
      const { events } = await okJson<{ events: { action: string; seq: number }[] }>(
        callRoute('GET', '/resolutions/{id}/audit', { token: token.observer, params: { id: resolution.id } }),
      );
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'resolution.imported',
        'reservation.recorded',
        'resolution.adopted',
      ]);
      const target = events[1];
      // Someone edits the stored reservation words behind the application's back.
      await db
        .update(auditEvents)
        .set({ details: sql`jsonb_set(details, '{text}', '"nothing to declare."')` })
        .where(eq(auditEvents.seq, target.seq));
      const broken = await verify();
      expect(broken).toMatchObject({ ok: false, brokenAtSeq: target.seq });
      expect(broken.reason).toMatch(/changed after it was recorded/);
      // Put it back so later tests on this database see a sound chain.
      const [row] = await db.select().from(auditEvents).where(eq(auditEvents.seq, target.seq));
      await db
        .update(auditEvents)
        .set({ details: { ...(row.details as object), text: 'on the whole.' } })
        .where(eq(auditEvents.seq, target.seq));
      expect(await verify()).toMatchObject({ ok: true });
      expect((await db.select().from(auditEvents).orderBy(asc(auditEvents.seq))).length).toBeGreaterThan(3);
    });
  });
}
