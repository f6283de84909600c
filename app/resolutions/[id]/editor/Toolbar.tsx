'use client';
import { useEditorState, type Editor } from '@tiptap/react';
import { kindAtSelection } from '@/lib/editor/paragraph-kinds';
import type { ParagraphKind } from '@/lib/resolution/types';

const KINDS: { kind: ParagraphKind; label: string; keys: string }[] = [
  { kind: 'preambular', label: 'Preambular', keys: 'Ctrl+Alt+1' },
  { kind: 'operative', label: 'Operative', keys: 'Ctrl+Alt+2' },
  { kind: 'subparagraph', label: 'Sub-paragraph', keys: 'Ctrl+Alt+3 or Tab' },
  { kind: 'subsubparagraph', label: 'Sub-sub-paragraph', keys: 'Ctrl+Alt+4 or Tab' },
];

/** Paragraph kind, marks and history. Every control has a visible label and a shortcut. */
export function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      kind: kindAtSelection(e.state),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      canUndo: e.isEditable && e.can().undo(),
      canRedo: e.isEditable && e.can().redo(),
    }),
  });
  const off = !state.editable;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Text formatting" aria-controls="resolution-editor">
      <fieldset className="toolbar-group" aria-label="Paragraph kind">
        {KINDS.map(({ kind, label, keys }) => (
          <button
            key={kind}
            type="button"
            className="tool"
            aria-pressed={state.kind === kind}
            aria-keyshortcuts={keys.split(' or ')[0].replace('Ctrl', 'Control')}
            title={`${label} paragraph (${keys})`}
            disabled={off}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => editor.chain().focus().setParagraphKind(kind).run()}
            data-testid={`kind-${kind}`}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <fieldset className="toolbar-group" aria-label="Marks">
        <button
          type="button"
          className="tool"
          aria-label="Bold"
          title="Bold (Ctrl+B)"
          aria-keyshortcuts="Control+B"
          aria-pressed={state.bold}
          disabled={off}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().toggleBold().run()}
        >
          <strong>B</strong>
        </button>
        <button
          type="button"
          className="tool"
          aria-label="Italic"
          title="Italic (Ctrl+I)"
          aria-keyshortcuts="Control+I"
          aria-pressed={state.italic}
          disabled={off}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().toggleItalic().run()}
        >
          <em>I</em>
        </button>
      </fieldset>
      <fieldset className="toolbar-group" aria-label="History">
        <button
          type="button"
          className="tool"
          aria-label="Undo my last change"
          title="Undo my last change (Ctrl+Z)"
          aria-keyshortcuts="Control+Z"
          disabled={!state.canUndo}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().undo().run()}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          className="tool"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          aria-keyshortcuts="Control+Shift+Z"
          disabled={!state.canRedo}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().redo().run()}
        >
          ↷ Redo
        </button>
      </fieldset>
    </div>
  );
}
