import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import { draftSchemaExtensions } from '@/lib/editor/draft-schema';
import { trackedDecorations } from '@/lib/editor/tracked-changes';
import { readDraftText, writeDraftText, DRAFT_FIELD } from '@/lib/amendments/draft-text';

/** The state of a new draft document holding `text`, as the server first stores it. */
function draftStateOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  writeDraftText(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

function draftTextOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return readDraftText(doc);
}

const schema = getSchema(draftSchemaExtensions);
const docOf = (text: string) =>
  schema.node('doc', null, [schema.node('paragraph', null, text ? [schema.text(text)] : [])]);

/** The decorations as a reader sees them: [+inserted+] ranges and [-deleted-] widgets, in order. */
function rendered(base: string, text: string): string[] {
  const doc = docOf(text);
  return trackedDecorations(doc, base)
    .find()
    .sort((a, b) => a.from - b.from)
    .map((d) => {
      const spec = d.spec as { key?: string };
      if (spec.key?.startsWith('del-')) return `-${spec.key.split('-').slice(2).join('-')}-@${d.from}`;
      return `+${doc.textBetween(d.from, d.to)}+@${d.from}`;
    });
}

describe('tracked changes in the amendment editor', () => {
  it('underlines insertions and shows deletions where they were, by word', () => {
    const base = 'Encourages parliaments to mainstream gender equality concerns in all legislation;';
    const text = 'Encourages parliaments to mainstream the rights of women and girls in all legislation;';
    expect(rendered(base, text)).toEqual(['-gender equality concerns-@38', '+the rights of women and girls+@38']);
  });

  it('shows nothing when the wording is unchanged, and everything as inserted for a new paragraph', () => {
    expect(rendered('Calls upon States to act;', 'Calls upon States to act;')).toEqual([]);
    expect(rendered('', 'Calls upon States to act;')).toEqual(['+Calls upon States to act;+@1']);
  });

  it('shows a deletion at the end of the paragraph after its last character', () => {
    expect(rendered('Calls upon States to act now;', 'Calls upon States to act;')).toEqual(['- now-@25']);
  });
});

describe('the shared draft document', () => {
  it('writes the smallest change, so text typed elsewhere by a co-sponsor survives a concurrent rewrite', () => {
    const a = new Y.Doc();
    Y.applyUpdate(a, draftStateOf('Calls upon States to act;'));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // A rewrites the start through the API path; B types at the end at the same time.
    writeDraftText(a, 'Urges States to act;');
    const tail = (b.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    tail.insert(tail.length, ' without delay');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readDraftText(a)).toBe('Urges States to act; without delay');
    expect(readDraftText(b)).toBe(readDraftText(a));
  });

  it('reads what the editor leaves behind: an emptied paragraph, or several', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DRAFT_FIELD);
    fragment.insert(0, [new Y.XmlElement('paragraph')]);
    expect(readDraftText(doc)).toBe('');
    writeDraftText(doc, 'Decides to remain seized of the matter.');
    expect(readDraftText(doc)).toBe('Decides to remain seized of the matter.');
    const second = new Y.XmlElement('paragraph');
    second.insert(0, [new Y.XmlText('And more.')]);
    fragment.insert(1, [second]);
    expect(readDraftText(doc)).toBe('Decides to remain seized of the matter. And more.');
    // Writing normalises it back to the one paragraph an amendment proposes.
    writeDraftText(doc, 'One paragraph.');
    expect(fragment.length).toBe(1);
    expect(draftTextOfState(Y.encodeStateAsUpdate(doc))).toBe('One paragraph.');
  });
});
