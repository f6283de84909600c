import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { amendments, auditEvents, delegations, resolutions, users, versions } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { changeStage } from '@/db/commands/stage-changer';
import { loadDocState } from '@/db/queries/doc-state';
import { findCommittee } from '@/db/queries/committees';
import { changeText, currentParagraphs } from '@/server/resolution-text';
import { readParagraphs } from '@/lib/text/ydoc';
import { updateParagraphs } from '@/lib/text/paragraph-edits';
import { verifyChain } from '@/lib/audit/chain';
import { auditKey } from '@/db/audit-key';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute } from './route-caller';

/**
 * The amendment procedure end to end against a real database, through the real route
 * handlers (validation, authentication, permissions): three competing amendments to OP 8
 * of the 122nd Assembly resolution, and a fourth that competes with one of them.
 */

type Who = 'chair' | 'secretariat' | 'iran' | 'thailand' | 'canada' | 'kenya' | 'observer';
const EMAILS: Record<Who, string> = {
  chair: 'chair@example.org',
  secretariat: 'secretariat@example.org',
  iran: 'iran@example.org',
  thailand: 'thailand@example.org',
  canada: 'canada@example.org',
  kenya: 'kenya@example.org',
  observer: 'observer@example.org',
};

const OP8_WORDS = 'gender equality concerns';

describe.each(testDatabaseKinds())('amendments, from draft to adoption (%s)', (kind) => {
  let database: TestDatabase;
  let resolutionId: string;
  let committeeId: string;
  const tokens = {} as Record<Who, string>;
  const delegationOf = {} as Record<string, string>;

  /** Calls an API operation as `who`: `pattern` names the route, `values` fills it. */
  async function api(
    who: Who | null,
    method: string,
    pattern: string,
    values: Record<string, string>,
    body?: unknown,
    query?: Record<string, string>,
  ) {
    const res = await callRoute(method, pattern, { token: who ? tokens[who] : undefined, params: values, query, body });
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, data, type };
  }

  const paragraphs = () => currentParagraphs(database.db, resolutionId);
  const op = async (label: string) => (await paragraphs()).find((p) => p.label === label)!;
  const draft = (who: Who, body: unknown) =>
    api(who, 'POST', '/resolutions/{id}/amendments', { id: resolutionId }, body);
  const act = (who: Who, action: string, amendmentId: string, body?: unknown) =>
    api(who, 'POST', `/amendments/{amendmentId}/${action}`, { amendmentId }, body);
  const compilation = async (who: Who, query?: Record<string, string>) =>
    (await api(who, 'GET', '/resolutions/{id}/amendments', { id: resolutionId }, undefined, query)).data;
  const stored = async () =>
    (await database.db.select().from(amendments).where(eq(amendments.resolutionId, resolutionId))).sort((a, b) =>
      a.id.localeCompare(b.id),
    );
  const auditCount = async () => (await database.db.select().from(auditEvents)).length;

  /** A refused request leaves every amendment row and the audit log exactly as they were. */
  async function expectNothingChanged(attempt: () => Promise<{ status: number }>, status: number) {
    const before = { rows: await stored(), audit: await auditCount(), text: await paragraphs() };
    const res = await attempt();
    expect(res.status).toBe(status);
    expect(await stored()).toEqual(before.rows);
    expect(await auditCount()).toBe(before.audit);
    expect(await paragraphs()).toEqual(before.text);
    return res;
  }

  const ids = {} as Record<'deleteOp8' | 'replaceWords' | 'addClause' | 'competing', string>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await installDatabase(Promise.resolve(database));
    const seeded = await seedDemo(database.db);
    resolutionId = seeded.resolutionId;
    committeeId = seeded.committeeId;
    for (const [who, email] of Object.entries(EMAILS)) {
      const [user] = await database.db.select().from(users).where(eq(users.email, email));
      tokens[who as Who] = (await issueApiToken(database.db, user.id, 'test')).token;
    }
    for (const d of await database.db.select().from(delegations).where(eq(delegations.committeeId, committeeId)))
      delegationOf[d.name] = d.id;
    const committee = await findCommittee(database.db, 'peace-security');
    expect(committee?.id).toBe(committeeId);
  });
  afterAll(() => database?.close());

  it('drafts three competing amendments to OP 8, and a fourth, visible only to their delegations and the presiding officers', async () => {
    const op8 = await op('OP 8');
    const a = await draft('iran', {
      kind: 'delete',
      targetParagraphId: op8.id,
      rationale: 'The concept is not agreed.',
    });
    const b = await draft('thailand', {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: op8.text.replace(OP8_WORDS, 'the rights of women and girls'),
    });
    const c = await draft('canada', {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: op8.text.replace(
        /;\s*$/,
        ', including psychosocial support and safe shelter for victims of trafficking;',
      ),
      rationale: 'Victims need shelter.',
      coSponsorDelegationIds: [delegationOf.Kenya],
    });
    const d = await draft('kenya', {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: op8.text.replace(OP8_WORDS, 'gender perspectives'),
    });
    for (const r of [a, b, c, d]) expect(r.status, JSON.stringify(r.data)).toBe(201);
    Object.assign(ids, { deleteOp8: a.data.id, replaceWords: b.data.id, addClause: c.data.id, competing: d.data.id });

    // Kenya co-sponsors Canada's: it sees it; Thailand does not see Iran's draft.
    expect((await compilation('kenya')).amendments.map((x: { id: string }) => x.id).sort()).toEqual(
      [ids.addClause, ids.competing].sort(),
    );
    expect((await api('thailand', 'GET', '/amendments/{amendmentId}', { amendmentId: ids.deleteOp8 })).status).toBe(
      403,
    );
    expect((await compilation('chair')).amendments).toHaveLength(4);
    expect((await compilation('observer')).amendments).toHaveLength(0);
  });

  it('refuses editing someone else’s amendment with 403, and changes nothing', async () => {
    const res = await expectNothingChanged(
      () =>
        api(
          'thailand',
          'PATCH',
          '/amendments/{amendmentId}',
          { amendmentId: ids.addClause },
          { rationale: 'hijacked' },
        ),
      403,
    );
    expect(res.status).toBe(403);
    // A co-sponsor may co-edit the draft.
    const coEdit = await api(
      'kenya',
      'PATCH',
      '/amendments/{amendmentId}',
      { amendmentId: ids.addClause },
      { rationale: 'Victims need shelter and care.' },
    );
    expect(coEdit.status).toBe(200);
  });

  it('removes co-sponsors: the sponsor may drop one, a co-sponsor may only leave, and the history says so', async () => {
    const invite = (who: Who, name: string) =>
      api(
        who,
        'POST',
        '/amendments/{amendmentId}/cosponsors',
        { amendmentId: ids.addClause },
        { delegationId: delegationOf[name] },
      );
    const remove = (who: Who, name: string) =>
      api(who, 'DELETE', '/amendments/{amendmentId}/cosponsors/{delegationId}', {
        amendmentId: ids.addClause,
        delegationId: delegationOf[name],
      });
    expect((await invite('canada', 'Thailand')).status).toBe(201);
    // Kenya, a co-sponsor, cannot drop Thailand; nothing changes.
    await expectNothingChanged(() => remove('kenya', 'Thailand'), 403);
    // Thailand leaves of its own accord; Canada (the sponsor) drops Kenya… and invites it back.
    expect((await remove('thailand', 'Thailand')).data.coSponsorDelegationIds).toEqual([delegationOf.Kenya]);
    expect((await remove('canada', 'Kenya')).data.coSponsorDelegationIds).toEqual([]);
    // Kenya no longer sees the draft.
    expect((await api('kenya', 'GET', '/amendments/{amendmentId}', { amendmentId: ids.addClause })).status).toBe(403);
    const notOne = await remove('canada', 'Kenya');
    expect(notOne.status).toBe(404);
    expect(notOne.data.error.message).toContain('does not co-sponsor');
    expect((await invite('canada', 'Kenya')).status).toBe(201);
    const history = (
      await api('canada', 'GET', '/amendments/{amendmentId}', { amendmentId: ids.addClause })
    ).data.history.map((h: { action: string }) => h.action);
    expect(history.filter((h: string) => h === 'cosponsor_removed')).toHaveLength(2);
  });

  it('refuses tabling while the resolution is still being drafted, saying so', async () => {
    const res = await expectNothingChanged(() => act('iran', 'table', ids.deleteOp8), 403);
    expect((res as { data?: { error: { message: string } } }).data?.error.message).toMatch(
      /only at the amendments stage/,
    );
  });

  it('numbers amendments A/1, A/2, … in tabling order', async () => {
    const [resolution] = await database.db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
    await changeStage(database.db, {
      resolution,
      to: 'amendments',
      actorId: resolution.createdBy!,
      state: (await loadDocState(database.db, resolutionId)).update,
    });
    const order: [Who, string][] = [
      ['iran', ids.deleteOp8],
      ['thailand', ids.replaceWords],
      ['canada', ids.addClause],
      ['kenya', ids.competing],
    ];
    const numbers: string[] = [];
    for (const [who, id] of order) {
      const res = await act(who, 'table', id);
      expect(res.status, JSON.stringify(res.data)).toBe(201);
      numbers.push(res.data.number);
    }
    expect(numbers).toEqual(['A/1', 'A/2', 'A/3', 'A/4']);
    // Tabled amendments are before the committee: the observer sees them, with redlines.
    const seen = (await compilation('observer')).amendments;
    expect(seen.map((x: { number: string }) => x.number)).toEqual(['A/1', 'A/2', 'A/3', 'A/4']);
    const replace = seen.find((x: { id: string }) => x.id === ids.replaceWords);
    expect(replace.paragraphLabel).toBe('OP 8');
    expect(replace.redline.html).toContain(`<del>${OP8_WORDS}</del><ins>the rights of women and girls</ins>`);
    expect(replace.sponsor.name).toBe('Thailand');
  });

  it('lets observers read but not act', async () => {
    const op9 = await op('OP 9');
    await expectNothingChanged(() => draft('observer', { kind: 'delete', targetParagraphId: op9.id }), 403);
    await expectNothingChanged(() => act('observer', 'withdraw', ids.deleteOp8, {}), 403);
    await expectNothingChanged(() => act('observer', 'decision', ids.deleteOp8, { outcome: 'adopted' }), 403);
    expect(
      (await api('observer', 'GET', '/resolutions/{id}/amendments/voting-order', { id: resolutionId })).status,
    ).toBe(200);
  });

  it('refuses tabling after the deadline, stating the deadline', async () => {
    const op9 = await op('OP 9');
    const late = await draft('kenya', {
      kind: 'modify',
      targetParagraphId: op9.id,
      proposedText: op9.text.replace('enhanced and strengthened', 'strengthened'),
    });
    expect(late.status).toBe(201);
    expect(
      (
        await api(
          'iran',
          'PUT',
          '/resolutions/{id}/amendments/deadline',
          { id: resolutionId },
          { deadline: '2010-04-01T12:00:00Z' },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api(
          'secretariat',
          'PUT',
          '/resolutions/{id}/amendments/deadline',
          { id: resolutionId },
          { deadline: '2010-04-01T12:00:00Z' },
        )
      ).status,
    ).toBe(200);
    const res = await expectNothingChanged(() => act('kenya', 'table', late.data.id), 409);
    expect((res as { data?: { error: { message: string } } }).data?.error.message).toBe(
      'The tabling deadline passed on 1 April 2010, 12:00 UTC; amendments can no longer be tabled.',
    );
    const bad = await api(
      'chair',
      'PUT',
      '/resolutions/{id}/amendments/deadline',
      { id: resolutionId },
      { deadline: 'tomorrow' },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.error.issues[0].path).toBe('body.deadline');
    expect(
      (await api('chair', 'PUT', '/resolutions/{id}/amendments/deadline', { id: resolutionId }, { deadline: null }))
        .status,
    ).toBe(200);
    await act('kenya', 'withdraw', late.data.id, { reason: 'Too late anyway' });
  });

  it('suggests the voting order furthest removed first, with reasons, and lets the chair reorder it (recorded)', async () => {
    const { data } = await api('iran', 'GET', '/resolutions/{id}/amendments/voting-order', { id: resolutionId });
    const numbers = data.votingOrder.map((e: { number: string }) => e.number);
    // Delete first; then by how much of the wording each changes: the clause (11 words),
    // "the rights of women and girls" (6), "gender perspectives" (2).
    expect(numbers).toEqual(['A/1', 'A/3', 'A/2', 'A/4']);
    expect(data.votingOrder.map((e: { reason: string }) => e.reason)).toEqual([
      'Deletes the paragraph: furthest removed from the original',
      'Changes 20% of the wording',
      'Changes 11% of the wording',
      'Changes 4% of the wording',
    ]);

    await expectNothingChanged(
      () =>
        api(
          'secretariat',
          'PUT',
          '/resolutions/{id}/amendments/voting-order',
          { id: resolutionId },
          { order: [ids.deleteOp8] },
        ),
      403,
    );
    const incomplete = await expectNothingChanged(
      () =>
        api(
          'chair',
          'PUT',
          '/resolutions/{id}/amendments/voting-order',
          { id: resolutionId },
          { order: [ids.deleteOp8] },
        ),
      422,
    );
    expect((incomplete as { data?: { error: { message: string } } }).data?.error.message).toMatch(/A\/2 is missing/);

    const reordered = await api(
      'chair',
      'PUT',
      '/resolutions/{id}/amendments/voting-order',
      { id: resolutionId },
      { order: [ids.deleteOp8, ids.replaceWords, ids.competing, ids.addClause] },
    );
    expect(reordered.status).toBe(200);
    expect(reordered.data.votingOrder.map((e: { number: string }) => e.number)).toEqual(['A/1', 'A/2', 'A/4', 'A/3']);
    expect(reordered.data.votingOrder[1].reason).toMatch(/^Placed by the chair/);
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'amendment.voting_order_set'));
    expect(audit.at(-1)?.details).toEqual({ order: ['A/1', 'A/2', 'A/4', 'A/3'] });
  });

  it('flags an amendment stale when the paragraph changes, rebasing it when the change is elsewhere', async () => {
    const op8 = await op('OP 8');
    // The secretariat corrects a typo elsewhere in OP 8 ("oversight practices" → "oversight practice").
    await technicalCorrection(op8.id, op8.text.replace('oversight practices', 'oversight practice'));
    const seen = (await compilation('canada')).amendments.find((x: { id: string }) => x.id === ids.addClause);
    expect(seen.stale).toBe(true);
    expect(seen.conflict).toBe(false);
    // Shown rebased: only the clause is marked, against the corrected wording.
    expect(seen.redline.text).toContain('oversight practice (including');
    expect(seen.redline.text).toContain(
      '[+, including psychosocial support and safe shelter for victims of trafficking+]',
    );
    await technicalCorrection(op8.id, op8.text);
    expect((await compilation('canada')).amendments.find((x: { id: string }) => x.id === ids.addClause).stale).toBe(
      false,
    );
  });

  it('records a rejection; the adoption of A/2 changes the text, makes A/4 fall and carries A/3 onto the new wording', async () => {
    const before = await op('OP 8');
    expect((await act('iran', 'decision', ids.deleteOp8, { outcome: 'rejected' })).status).toBe(403);
    const rejected = await act('chair', 'decision', ids.deleteOp8, { outcome: 'rejected', method: 'vote' });
    expect(rejected.status).toBe(201);
    expect(rejected.data.status).toBe('rejected');

    const adopted = await act('secretariat', 'decision', ids.replaceWords, { outcome: 'adopted', method: 'consensus' });
    expect(adopted.status, JSON.stringify(adopted.data)).toBe(201);
    expect(adopted.data).toMatchObject({
      number: 'A/2',
      status: 'adopted',
      textChanged: true,
      rebased: [ids.addClause],
    });
    expect(adopted.data.fallen).toEqual([
      { amendmentId: ids.competing, reason: `A/2, adopted, already changed the same words ("${OP8_WORDS}")` },
    ]);

    const after = await op('OP 8');
    expect(after.id).toBe(before.id);
    expect(after.text).toBe(before.text.replace(OP8_WORDS, 'the rights of women and girls'));

    const list = (await compilation('observer')).amendments;
    const status = (id: string) => list.find((x: { id: string }) => x.id === id);
    expect(status(ids.competing)).toMatchObject({
      status: 'fallen',
      statusReason: expect.stringContaining('A/2, adopted'),
    });
    // A/3 now proposes its clause on the adopted wording, and is not stale.
    expect(status(ids.addClause)).toMatchObject({ status: 'tabled', stale: false });
    expect(status(ids.addClause).proposedText).toContain('the rights of women and girls');
    expect(status(ids.addClause).proposedText).toContain('safe shelter for victims of trafficking;');

    const named = await database.db.select().from(versions).where(eq(versions.resolutionId, resolutionId));
    expect(named.map((v) => v.name)).toContain('A/2 adopted');
    const history = await api('observer', 'GET', '/amendments/{amendmentId}', { amendmentId: ids.competing });
    expect(history.data.history.map((h: { action: string }) => h.action)).toEqual(['drafted', 'tabled', 'fallen']);

    // Deciding it again is refused and changes nothing.
    await expectNothingChanged(() => act('chair', 'decision', ids.replaceWords, { outcome: 'adopted' }), 409);
    expect(verifyChain(await database.db.select().from(auditEvents).orderBy(auditEvents.seq), auditKey()).ok).toBe(
      true,
    );
  });

  it('adopts a sub-amendment into its parent, then the parent into the text', async () => {
    const parent = (await compilation('canada')).amendments.find((x: { id: string }) => x.id === ids.addClause);
    const sub = await draft('kenya', {
      kind: 'modify',
      parentAmendmentId: ids.addClause,
      proposedText: parent.proposedText.replace('safe shelter', 'safe and confidential shelter'),
    });
    expect(sub.status, JSON.stringify(sub.data)).toBe(201);
    expect((await act('kenya', 'table', sub.data.id)).data.number).toBe('A/5');
    const order = (await api('chair', 'GET', '/resolutions/{id}/amendments/voting-order', { id: resolutionId })).data
      .votingOrder;
    expect(order.map((e: { number: string }) => e.number)).toEqual(['A/5', 'A/3']);
    expect((await act('chair', 'decision', sub.data.id, { outcome: 'adopted' })).data.textChanged).toBe(false);
    expect((await act('chair', 'decision', ids.addClause, { outcome: 'adopted' })).status).toBe(201);
    expect((await op('OP 8')).text).toMatch(
      /the rights of women and girls .* including psychosocial support and safe and confidential shelter for victims of trafficking;$/,
    );
  });

  it('inserts a new paragraph: numbers are recomputed and amendments keep pointing at their paragraph', async () => {
    const op2 = await op('OP 2');
    const op9 = await op('OP 9');
    const pending = await draft('thailand', {
      kind: 'modify',
      targetParagraphId: op9.id,
      proposedText: `${op9.text.replace(/;$/, '')} and of prosecutors;`,
    });
    await act('thailand', 'table', pending.data.id);
    const insert = await draft('secretariat', {
      kind: 'insert',
      anchorParagraphId: op2.id,
      position: 'after',
      newKind: 'operative',
      proposedText: 'Calls for regional cooperation;',
      sponsorDelegationId: delegationOf.Kenya,
    });
    expect(insert.status, JSON.stringify(insert.data)).toBe(201);
    await act('secretariat', 'table', insert.data.id);
    expect((await act('chair', 'decision', insert.data.id, { outcome: 'adopted' })).status).toBe(201);
    const text = await paragraphs();
    expect(text.find((p) => p.label === 'OP 3')!.text).toBe('Calls for regional cooperation;');
    expect(text.find((p) => p.id === op9.id)!.label).toBe('OP 10');
    const seen = (await compilation('observer')).amendments.find((x: { id: string }) => x.id === pending.data.id);
    expect(seen.paragraphLabel).toBe('OP 10');
    expect(text.filter((p) => p.kind === 'operative')).toHaveLength(36);
  });

  it('refuses amendments to a deleted paragraph with a clear message; a moved one follows its paragraph', async () => {
    const op10 = await op('OP 10');
    const deletion = await draft('iran', { kind: 'delete', targetParagraphId: op10.id });
    await act('iran', 'table', deletion.data.id);
    const decided = await act('chair', 'decision', deletion.data.id, { outcome: 'adopted' });
    expect(decided.status).toBe(201);
    // Thailand's pending amendment to that paragraph fell with it.
    expect(decided.data.fallen[0].reason).toBe(`OP 10 was deleted by ${decided.data.number}`);
    const refused = await expectNothingChanged(
      () => draft('kenya', { kind: 'delete', targetParagraphId: op10.id }),
      409,
    );
    expect((refused as { data?: { error: { message: string } } }).data?.error.message).toBe(
      `Paragraph ${op10.id} is not in the current text: it has been deleted, so it can no longer be amended.`,
    );

    const op1 = await op('OP 1');
    const op5 = await op('OP 5');
    const onOp5 = await draft('canada', {
      kind: 'modify',
      targetParagraphId: op5.id,
      proposedText: `${op5.text} (amended)`,
    });
    await act('canada', 'table', onOp5.data.id);
    const move = await draft('canada', {
      kind: 'move',
      targetParagraphId: op5.id,
      anchorParagraphId: op1.id,
      position: 'before',
    });
    await act('canada', 'table', move.data.id);
    expect((await act('chair', 'decision', move.data.id, { outcome: 'adopted' })).status).toBe(201);
    const text = await paragraphs();
    expect(text.find((p) => p.id === op5.id)!.label).toBe('OP 1');
    const seen = (await compilation('canada')).amendments.find((x: { id: string }) => x.id === onOp5.data.id);
    expect(seen).toMatchObject({ paragraphLabel: 'OP 1', status: 'tabled', stale: false });
  });

  it('lets only the sponsor withdraw, and only the chair rule inadmissible, with the reason', async () => {
    const op12 = await op('OP 12');
    const mine = await draft('canada', {
      kind: 'delete',
      targetParagraphId: op12.id,
      coSponsorDelegationIds: [delegationOf.Kenya],
    });
    await act('canada', 'table', mine.data.id);
    await expectNothingChanged(() => act('kenya', 'withdraw', mine.data.id, {}), 403);
    await expectNothingChanged(() => act('secretariat', 'ruling', mine.data.id, { reason: 'Out of order' }), 403);
    await expectNothingChanged(() => act('chair', 'ruling', mine.data.id, { reason: '' }), 400);
    const ruled = await act('chair', 'ruling', mine.data.id, { reason: 'Outside the subject of the resolution' });
    expect(ruled.data).toMatchObject({ status: 'inadmissible', statusReason: 'Outside the subject of the resolution' });
    await expectNothingChanged(() => act('canada', 'withdraw', mine.data.id, {}), 409);
  });

  it('exports the compilation as DOCX with tracked changes authored by the sponsor, as HTML and as PDF', async () => {
    const exp = (format: string) =>
      api('observer', 'GET', '/resolutions/{id}/amendments/export', { id: resolutionId }, undefined, { format });
    const docx = await exp('docx');
    expect(docx.status).toBe(200);
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx.data as Uint8Array)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(
      /<w:del [^>]*w:author="Thailand"[^>]*>.*?<w:delText[^>]*>gender equality concerns<\/w:delText>/s,
    );
    expect(xml).toMatch(/<w:ins [^>]*w:author="Thailand"[^>]*>.*?<w:t[^>]*>the rights of women and girls<\/w:t>/s);
    const html = await exp('html');
    expect(new TextDecoder().decode(html.data as Uint8Array)).toContain(
      '<del>gender equality concerns</del><ins>the rights of women and girls</ins>',
    );
    const pdf = await exp('pdf');
    expect(new TextDecoder().decode((pdf.data as Uint8Array).slice(0, 5))).toBe('%PDF-');
    expect((await exp('odt')).status).toBe(400);
  });

  it('previews the text as amended without storing anything', async () => {
    const op3 = await op('OP 3');
    const a = await draft('iran', {
      kind: 'modify',
      targetParagraphId: op3.id,
      proposedText: `${op3.text.replace(/;$/, '')} immediately;`,
    });
    const res = await expectNothingChanged(
      () =>
        api('observer', 'GET', '/resolutions/{id}/amendments/preview', { id: resolutionId }, undefined, {
          ids: a.data.id,
        }),
      404,
    );
    expect(res.status).toBe(404); // a draft the observer cannot see is not previewed for them
    const own = await api('iran', 'GET', '/resolutions/{id}/amendments/preview', { id: resolutionId }, undefined, {
      ids: a.data.id,
    });
    expect(own.status).toBe(200);
    expect(own.data.paragraphs.find((p: { label: string }) => p.label === 'OP 3').text).toMatch(/immediately;$/);
    expect((await op('OP 3')).text).toBe(op3.text);
  });

  /** The secretariat's technical correction: a change to the live text outside amendments. */
  async function technicalCorrection(paragraphId: string, text: string) {
    await changeText(
      database.db,
      resolutionId,
      (doc) =>
        updateParagraphs(
          doc,
          readParagraphs(doc).map((p) => (p.id === paragraphId ? { id: p.id, kind: p.kind, text } : p)),
        ),
      { userId: null, label: 'Technical correction' },
    );
  }
});
