'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { UndoRedo } from '@tiptap/extensions';
import { draftSchemaExtensions } from '@/lib/editor/draft-schema';
import { TrackedChanges, trackedChangesKey } from '@/lib/editor/tracked-changes';
import { DRAFT_FIELD, draftRoomName } from '@/lib/amendments/draft-text';
import { presenceUser } from '@/lib/editor/presence';
import { renderCaret } from '../editor/extensions';
import { useCollabSession, type CollabSession, type CollabState } from '../editor/useCollabSession';
import { ConnectionBadge } from '../editor/ConnectionBadge';
import { PresenceList } from '../editor/PresenceList';

export interface DraftEditorUser {
  name: string;
  delegation: string | null;
  role: string;
}

interface Common {
  /** The text being amended: the redline is drawn against it as you type. */
  base: string;
  label: string;
  testId: string;
}

/**
 * An amendment's wording in tracked-changes mode: you edit the paragraph as amended, and
 * insertions show underlined, deletions struck through, as you type. Local while the
 * amendment is being started; live (room "amendment/<id>") once it is a draft its
 * co-sponsors edit together, with their carets, who is here, and the connection state.
 */
export function TrackedTextEditor(props: Common & { initialText: string; onChange(text: string): void }) {
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  // Built once, against the base at mount; a later base reaches the plugin through useRebase.
  const [extensions] = useState<Extensions>(() => [
    ...draftSchemaExtensions,
    UndoRedo,
    TrackedChanges.configure({ base: props.base }),
  ]);
  const editor = useEditor({
    immediatelyRender: false,
    extensions,
    content: {
      type: 'doc',
      content: [{ type: 'paragraph', content: props.initialText ? [{ type: 'text', text: props.initialText }] : [] }],
    },
    onUpdate: ({ editor: e }) => onChange.current(e.state.doc.textContent),
    editorProps: { attributes: editorAttributes(props.label, props.testId) },
  });
  useRebase(editor, props.base);
  return <EditorContent editor={editor} className="tracked-editor" />;
}

/** The same editor on the shared draft: what one co-sponsor types, the others see. */
export function LiveDraftEditor(
  props: Common & { amendmentId: string; user: DraftEditorUser; onText?(text: string): void },
) {
  const { session, state } = useCollabSession(draftRoomName(props.amendmentId));
  return (
    <div className="live-draft" data-testid="live-draft">
      <div className="editor-status">
        <ConnectionBadge state={state} />
        {session && <PresenceList provider={session.provider} />}
      </div>
      {session && <LiveDraftBody {...props} session={session} state={state} />}
    </div>
  );
}

function LiveDraftBody({
  session,
  state,
  base,
  label,
  testId,
  user,
  onText,
}: Common & { session: CollabSession; state: CollabState; user: DraftEditorUser; onText?(text: string): void }) {
  const { name, delegation, role } = user;
  const presence = useMemo(() => presenceUser({ name, delegation, role }), [name, delegation, role]);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `base` is only the starting point when the extensions are built; a later base reaches the plugin through useRebase, without rebuilding the extensions (and so the caret and collaboration plugins).
  const extensions = useMemo<Extensions>(
    () => [
      ...draftSchemaExtensions,
      // Yjs' undo: each co-sponsor undoes only their own typing.
      Collaboration.configure({ document: session.doc, field: DRAFT_FIELD }),
      CollaborationCaret.configure({ provider: session.provider, user: presence, render: renderCaret }),
      TrackedChanges.configure({ base }),
    ],
    [session, presence],
  );
  const canEdit = state.loaded && state.access?.access === 'write';
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions,
      onUpdate: ({ editor: e }) => onTextRef.current?.(e.state.doc.textContent),
      editorProps: { attributes: editorAttributes(label, testId) },
    },
    [session],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);
  useRebase(editor, base);
  return (
    <div hidden={!state.loaded} data-editable={canEdit}>
      <EditorContent editor={editor} className="tracked-editor" />
    </div>
  );
}

/** A new base (the paragraph changed meanwhile) redraws the redline against it. */
function useRebase(editor: Editor | null, base: string) {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(trackedChangesKey, base));
  }, [editor, base]);
}

const editorAttributes = (label: string, testId: string) => ({
  'aria-label': label,
  'aria-multiline': 'true',
  role: 'textbox',
  'data-testid': testId,
  class: 'tracked-editor-body',
});
