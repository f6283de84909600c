import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase, type Db } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, type RouteCall } from '../integration/route-caller';
import { delegationIds, paragraphsOf, resolutionAtVoting, tokenFor } from '../integration/procedure-fixtures';

/**
 * Issue 11, "Text fields with NUL, lone surrogates or other invalid characters get a 400
 * naming the field": before, a NUL in a reservation or an amendment answered 500 (PostgreSQL
 * refuses it), and a lone surrogate was stored as U+FFFD. Every free-text field of the API
 * goes through one check (lib/text/free-text.ts); a selection of them is attacked here, each
 * with the field's path expected in the answer.
 */
const BAD = {
  nul: 'in relation to\u0000 the concept',
  loneSurrogate: 'in relation to \ud83d the concept',
  bell: 'in relation to \u0007 the concept',
  nonCharacter: 'in relation to \uffff the concept',
  escape: 'in relation to \u001b[31m the concept',
};

for (const kind of testDatabaseKinds()) {
  describe(`invalid characters in text fields on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    let resolutionId: string;
    let paragraphId: string;
    let delegation: string;
    const token: Record<string, string> = {};

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      db = database.db;
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      const { committeeId } = await seedDemo(db);
      const resolution = await resolutionAtVoting(db, committeeId);
      resolutionId = resolution.id;
      paragraphId = (await paragraphsOf(db, resolution.id))[1].id;
      delegation = (await delegationIds(db, committeeId))['Iran (Islamic Rep. of)'];
      for (const who of ['chair', 'secretariat', 'iran']) token[who] = await tokenFor(db, who);
    });
    afterAll(() => database?.close());

    async function expectRefused(method: string, pattern: string, call: RouteCall, field: string) {
      const res = await callRoute(method, pattern, call);
      const body = (await res.json()) as { error: { code: string; message: string; issues?: { path: string }[] } };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error.issues?.map((i) => i.path) ?? [body.error.message]).toContain(field);
      expect(body.error.message).toMatch(/Contains the character U\+[0-9A-F]{4,6} at position \d+/);
    }

    it.each(Object.entries(BAD))('refuses a reservation whose text holds %s, naming body.text', async (_, text) => {
      await expectRefused(
        'POST',
        '/resolutions/{id}/reservations',
        {
          token: token.secretariat,
          params: { id: resolutionId },
          body: { kind: 'reservation', paragraphId, text, delegationId: delegation },
        },
        'body.text',
      );
    });

    it("refuses an amendment's proposed text and rationale, naming each", async () => {
      await expectRefused(
        'POST',
        '/resolutions/{id}/amendments',
        {
          token: token.iran,
          params: { id: resolutionId },
          body: { kind: 'modify', targetParagraphId: paragraphId, proposedText: BAD.nul },
        },
        'body.proposedText',
      );
      await expectRefused(
        'POST',
        '/resolutions/{id}/amendments',
        {
          token: token.iran,
          params: { id: resolutionId },
          body: {
            kind: 'modify',
            targetParagraphId: paragraphId,
            proposedText: 'Decides.',
            rationale: BAD.loneSurrogate,
          },
        },
        'body.rationale',
      );
      await expectRefused(
        'POST',
        '/resolutions/{id}/amendments',
        {
          token: token.iran,
          params: { id: resolutionId },
          body: { kind: 'delete', targetParagraphId: `${paragraphId}\u0000` },
        },
        'body.targetParagraphId',
      );
    });

    it('refuses names, reasons and imported text', async () => {
      await expectRefused(
        'POST',
        '/committees/{committee}/delegations',
        { token: token.chair, params: { committee: 'peace-security' }, body: { name: `Freedonia${BAD.bell}` } },
        'body.name',
      );
      await expectRefused('POST', '/tokens', { token: token.iran, body: { name: BAD.nul } }, 'body.name');
      await expectRefused(
        'POST',
        '/resolutions/{id}/versions',
        { token: token.secretariat, params: { id: resolutionId }, body: { name: BAD.nonCharacter } },
        'body.name',
      );
      await expectRefused(
        'POST',
        '/committees/{committee}/imports/preview',
        { token: token.secretariat, params: { committee: 'peace-security' }, body: { text: `The Assembly,\u0000` } },
        'body.text',
      );
      await expectRefused(
        'GET',
        '/committees/{committee}',
        { token: token.chair, params: { committee: 'peace\u0000security' } },
        'params.committee',
      );
    });

    it('refuses an imported .txt file holding a NUL, naming the file', async () => {
      const res = await callRoute('POST', '/committees/{committee}/imports/preview', {
        token: token.secretariat,
        params: { committee: 'peace-security' },
        body: {
          file: {
            name: 'draft.txt',
            contentBase64: Buffer.from('The Assembly,\n\n\u0000 1. Decides.\n').toString('base64'),
          },
        },
      });
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error.message).toMatch(/^draft\.txt: Contains the character U\+0000/);
    });

    it('keeps accepting real text: accents, emoji, tabs, line breaks (CR LF too)', async () => {
      const text = 'en ce qui concerne «\tl’égalité» 🇮🇷\r\nand the concept of "gender equality".';
      const res = await callRoute('POST', '/resolutions/{id}/reservations', {
        token: token.secretariat,
        params: { id: resolutionId },
        body: { kind: 'reservation', paragraphId, text, delegationId: delegation },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    });
  });
}
