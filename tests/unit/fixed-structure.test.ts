import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { resolutionSchema } from '@/lib/editor/schema';
import { asOneParagraph, fixedStructurePlugin, structureOf } from '@/lib/editor/fixed-structure';

/**
 * A language version's editor never changes its structure (the original's alone): a split,
 * a join, a new or removed paragraph or a change of kind is refused locally, words pass, and
 * what the room sends (the original's structure reaching the version) passes too.
 */
const schema = resolutionSchema();
const para = (kind: string, id: string, text: string) =>
  schema.nodes[kind].create({ id }, text ? schema.text(text) : undefined);

function version() {
  const doc = schema.nodes.doc.create(null, [
    para('preambular', 'p1', 'Alinéa 1,'),
    para('operative', 'o1', 'Paragraphe 1;'),
    para('operative', 'o2', 'Paragraphe 2;'),
  ]);
  return EditorState.create({ schema, doc, plugins: [fixedStructurePlugin()] });
}
/** The position just inside the start of the n-th paragraph. */
function startOf(state: EditorState, n: number): number {
  let at = -1;
  state.doc.forEach((_node, pos, i) => {
    if (i === n) at = pos + 1;
  });
  return at;
}

describe('a language version keeps the original’s structure', () => {
  it('takes words typed into a paragraph', () => {
    const state = version();
    const end = startOf(state, 1) + 'Paragraphe 1;'.length;
    const next = state.apply(state.tr.insertText(' sans délai', end));
    expect(next.doc.child(1).textContent).toBe('Paragraphe 1; sans délai');
  });

  it('refuses a split, a join, a removed or added paragraph and a change of kind', () => {
    const state = version();
    const split = state.tr.split(startOf(state, 1) + 4);
    const join = state.tr.join(startOf(state, 2) - 1);
    const removed = state.tr.delete(startOf(state, 2) - 1, state.doc.content.size);
    const added = state.tr.insert(state.doc.content.size, para('operative', 'o3', 'Paragraphe 3;'));
    const rekinded = state.tr.setNodeMarkup(startOf(state, 2) - 1, schema.nodes.preambular, { id: 'o2' });
    const across = state.tr
      .setSelection(TextSelection.create(state.doc, startOf(state, 1) + 3, startOf(state, 2) + 3))
      .insertText('x');
    for (const tr of [split, join, removed, added, rekinded, across]) {
      expect(tr.docChanged).toBe(true);
      expect(state.apply(tr).doc.eq(state.doc)).toBe(true);
    }
  });

  it('lets the room’s own changes through (the original’s structure reaching the version)', () => {
    const state = version();
    const tr = state.tr.insert(state.doc.content.size, para('operative', 'o3', ''));
    tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(structureOf(state.apply(tr).doc).split('\n')).toEqual([
      'preambular:p1',
      'operative:o1',
      'operative:o2',
      'operative:o3',
    ]);
  });

  it('pastes several lines as the words of one paragraph', () => {
    expect(asOneParagraph('Encourage les parlements\r\n\r\n  à agir;\n')).toBe('Encourage les parlements à agir;');
  });
});
