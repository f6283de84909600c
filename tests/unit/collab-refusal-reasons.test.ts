import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { draftShape, resolutionShape } from '@/lib/collab/document-shape';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { encodeParagraphs } from '@/lib/text/ydoc';
import { createUpdateGuard, UpdateRefused } from '@/server/collab/update-guard';
import { refusalReason } from '@/server/observability/collab-metrics';

/**
 * A refused update is counted under one of a few fixed reasons (a metric label), read from
 * the message its refuser wrote: the guard's worker, the rooms' size checks. Anything
 * unrecognised is "other", never the message itself.
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
    (e: unknown) => (e instanceof UpdateRefused ? e.message : `other error: ${e}`),
  );
}

const text = (doc: Y.Doc) => (doc.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('refusal reasons', () => {
  it("the guard's verdicts", async () => {
    expect(refusalReason(await guardRefusal((d) => text(d).insert(0, 'x'.repeat(300))))).toBe('paragraph_too_long');
    expect(
      refusalReason(
        await guardRefusal((d) => (d.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).setAttribute('onclick', 'x')),
      ),
    ).toBe('outside_shape');
    expect(refusalReason(await guardRefusal((d) => text(d).format(0, 4, { comment: { id: 1 } })))).toBe(
      'outside_shape',
    );
    expect(refusalReason(await guardRefusal((d) => d.getXmlFragment(TEXT_FIELD).push([new Y.XmlText('loose')])))).toBe(
      'outside_shape',
    );
    expect(
      refusalReason(
        await guardRefusal(
          (d) => text(d).insert(3, 'w'.repeat(140_000)),
          (d) => text(d).insert(0, 'never sent '),
        ),
      ),
    ).toBe('missing_dependencies');
  });

  it("the rooms' size checks and the guard's own bounds", () => {
    expect(refusalReason('the document would reach 5242881 bytes; the limit is 5242880')).toBe('document_too_large');
    expect(refusalReason('the draft would be 20001 characters long; the limit is 20000')).toBe('document_too_large');
    expect(refusalReason('the version would be 900001 characters long')).toBe('document_too_large');
    expect(refusalReason('a paragraph would be 20001 characters long; the limit is 20000')).toBe('paragraph_too_long');
    expect(refusalReason('update took longer than 500 ms to decode and check')).toBe('too_expensive');
    expect(refusalReason('update exhausted the decoding memory bound')).toBe('too_expensive');
    expect(refusalReason('update could not be applied: Unexpected end of array')).toBe('malformed');
    expect(refusalReason('server closing')).toBe('other');
    expect(refusalReason('<script>anything a client wrote</script>')).toBe('other');
  });
});
