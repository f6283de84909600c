'use client';
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslations } from 'next-intl';
import { kindAtSelection } from '@/lib/editor/paragraph-kinds';
import type { ParagraphKind } from '@/lib/resolution/types';

const KINDS: { kind: ParagraphKind; keys: string; tab?: boolean }[] = [
  { kind: 'preambular', keys: 'Ctrl+Alt+1' },
  { kind: 'operative', keys: 'Ctrl+Alt+2' },
  { kind: 'subparagraph', keys: 'Ctrl+Alt+3', tab: true },
  { kind: 'subsubparagraph', keys: 'Ctrl+Alt+4', tab: true },
];

/** Paragraph kind, marks and history. Every control has a visible label and a shortcut. */
export function Toolbar({
  editor,
  controls = 'resolution-editor',
  kinds = true,
}: {
  editor: Editor;
  /** The id of the editable area. */
  controls?: string;
  /** False where the original alone decides the kinds (a language version). */
  kinds?: boolean;
}) {
  const t = useTranslations('toolbar');
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
    <div className="editor-toolbar" role="toolbar" aria-label={t('label')} aria-controls={controls}>
      {kinds && (
        <fieldset className="toolbar-group" aria-label={t('kind')}>
          {KINDS.map(({ kind, keys, tab }) => (
            <button
              key={kind}
              type="button"
              className="tool"
              aria-pressed={state.kind === kind}
              aria-keyshortcuts={keys.replace('Ctrl', 'Control')}
              title={t(tab ? 'kindTitleTab' : 'kindTitle', { kind: t(`kinds.${kind}`), keys })}
              disabled={off}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => editor.chain().focus().setParagraphKind(kind).run()}
              data-testid={`kind-${kind}`}
            >
              {t(`kinds.${kind}`)}
            </button>
          ))}
        </fieldset>
      )}
      <fieldset className="toolbar-group" aria-label={t('marks')}>
        <button
          type="button"
          className="tool"
          aria-label={t('bold')}
          title={t('withKeys', { label: t('bold'), keys: 'Ctrl+B' })}
          aria-keyshortcuts="Control+B"
          aria-pressed={state.bold}
          disabled={off}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().toggleBold().run()}
        >
          <strong>{t('boldLetter')}</strong>
        </button>
        <button
          type="button"
          className="tool"
          aria-label={t('italic')}
          title={t('withKeys', { label: t('italic'), keys: 'Ctrl+I' })}
          aria-keyshortcuts="Control+I"
          aria-pressed={state.italic}
          disabled={off}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().toggleItalic().run()}
        >
          <em>{t('italicLetter')}</em>
        </button>
      </fieldset>
      <fieldset className="toolbar-group" aria-label={t('history')}>
        <button
          type="button"
          className="tool"
          aria-label={t('undoLabel')}
          title={t('withKeys', { label: t('undoLabel'), keys: 'Ctrl+Z' })}
          aria-keyshortcuts="Control+Z"
          disabled={!state.canUndo}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().undo().run()}
        >
          ↶ {t('undo')}
        </button>
        <button
          type="button"
          className="tool"
          aria-label={t('redo')}
          title={t('withKeys', { label: t('redo'), keys: 'Ctrl+Shift+Z' })}
          aria-keyshortcuts="Control+Shift+Z"
          disabled={!state.canRedo}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().redo().run()}
        >
          ↷ {t('redo')}
        </button>
      </fieldset>
    </div>
  );
}
