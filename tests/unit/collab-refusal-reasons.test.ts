import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { draftShape, resolutionShape } from '@/lib/collab/document-shape';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { encodeParagraphs } from '@/lib/text/ydoc';
import { createUpdateGuard } from '@/server/collab/update-guard';
import { UpdateRefused } from '@/server/collab/refusal';

/**
 * A refused update carries one of a few fixed reasons (the refusals metric's label), named
 * where it is refused: by the guard's worker for what it decodes, by the guard itself for
 * its own bounds. The rooms' size checks name theirs in their code (live-document,
 * draft-room, language-room); tests/security/collab-schema.test.ts sends those over a socket.
 */
const limits = { maxParagraphChars: 200 };
const guard = createUpdateGuard({
  timeMs: 2000,
  memoryMb: 256,
  shapes: { resolution: resolutionShape(limits), draft: draftShape(limits) },
});
afterAll(() => guard.close());

const start = encodeParagraphs([{ id: 'op1', kind: 'operative', text: 'Decides to remain seized of the matter.' }]);

async function guardRefusal(f: (doc: Y.Doc) => void, before?: (doc: Y.Doc) => void): Promise<string> {
  const room = `room-${Math.random()}`;
  await guard.open(room, 'resolution', () => start);
  const client = new Y.Doc();
  Y.applyUpdate(client, start);
  if (before) client.transact(() => before(client));
  const vector = Y.encodeStateVector(client);
  client.transact(() => f(client));
  return guard.check(Y.encodeStateAsUpdate(client, vector), room).then(
    () => 'accepted',
    (e: unknown) => (e instanceof UpdateRefused ? e.reason : `not a refusal: ${e}`),
  );
}

const text = (doc: Y.Doc) => (doc.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('refusal reasons', () => {
  it("the guard's verdicts", async () => {
    expect(await guardRefusal((d) => text(d).insert(0, 'x'.repeat(300)))).toBe('paragraph_too_long');
    expect(
      await guardRefusal((d) => (d.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).setAttribute('onclick', 'x')),
    ).toBe('outside_shape');
    expect(await guardRefusal((d) => text(d).format(0, 4, { comment: { id: 1 } }))).toBe('outside_shape');
    expect(await guardRefusal((d) => d.getXmlFragment(TEXT_FIELD).push([new Y.XmlText('loose')]))).toBe(
      'outside_shape',
    );
    expect(
      await guardRefusal(
        (d) => text(d).insert(3, 'w'.repeat(140_000)),
        (d) => text(d).insert(0, 'never sent '),
      ),
    ).toBe('missing_dependencies');
    expect(await guardRefusal(() => undefined)).toBe('accepted');
  });

  it('undecodable bytes are malformed, with or without a document to check them against', async () => {
    const garbage = Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x07, 1, 0]);
    const room = `room-${Math.random()}`;
    await guard.open(room, 'resolution', () => start);
    for (const check of [guard.check(garbage), guard.check(garbage, room)]) {
      const e = await check.then(
        () => null,
        (error: unknown) => error,
      );
      expect(e).toBeInstanceOf(UpdateRefused);
      expect((e as UpdateRefused).reason).toBe('malformed');
      expect((e as UpdateRefused).message).toMatch(/^update could not be applied: /);
    }
  });

  it("the guard's own time bound is too_expensive", async () => {
    const slow = createUpdateGuard({ timeMs: 30, memoryMb: 64 });
    try {
      const d = new Y.Doc();
      d.transact(() => {
        const f = d.getXmlFragment(TEXT_FIELD);
        for (let i = 0; i < 30_000; i++) f.insert(0, [new Y.XmlText(`x${i}`)]);
      });
      const e = await slow.check(Y.encodeStateAsUpdate(d)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(e).toBeInstanceOf(UpdateRefused);
      expect((e as UpdateRefused).reason).toBe('too_expensive');
    } finally {
      slow.close();
    }
  });
});
