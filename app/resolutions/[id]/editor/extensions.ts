import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import UniqueID from '@tiptap/extension-unique-id';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { resolutionSchemaExtensions, TEXT_FIELD, PARAGRAPH_NODE_TYPES } from '@/lib/editor/schema';
import { ParagraphNumbers } from '@/lib/editor/paragraph-numbers';
import { OriginalBeside, type OriginalBesideWords } from '@/lib/editor/original-beside';
import { ParagraphKinds } from '@/lib/editor/paragraph-kinds';
import { ResolutionPaste } from '@/lib/editor/paste-extension';
import { RemoteSelection } from '@/lib/editor/remote-selection';
import { AmendAction } from '@/lib/editor/amend-action';
import { AmendmentMarks } from './amendment-marks';
import { ParagraphKeys } from './paragraph-keys';
import { presenceLabel, readPresenceUser, type PresenceUser } from '@/lib/editor/presence';
import { newParagraphId } from '@/lib/resolution/ids';
import { FixedStructure } from '@/lib/editor/fixed-structure';

/**
 * The browser editor = the stored schema (the very list the server reads the Y.Doc with)
 * + collaboration, presence, ids, numbering and editing behaviour.
 */
export function resolutionEditorExtensions(opts: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: PresenceUser;
  onAmend?: ((paragraphId: string) => void) | null;
  confirmLargePaste?: ((paragraphs: number, characters: number) => Promise<boolean>) | null;
}): Extensions {
  return [
    ...resolutionSchemaExtensions,
    // Undo/redo comes from Yjs' UndoManager, which tracks this client's own changes only.
    Collaboration.configure({ document: opts.doc, field: TEXT_FIELD }),
    CollaborationCaret.configure({ provider: opts.provider, user: opts.user, render: renderCaret }),
    UniqueID.configure({ types: [...PARAGRAPH_NODE_TYPES], generateID: () => newParagraphId() }),
    RemoteSelection.configure({ document: opts.doc }),
    ParagraphNumbers,
    ParagraphKinds,
    ResolutionPaste.configure({ confirmLarge: opts.confirmLargePaste ?? null }),
    AmendAction.configure({ onAmend: opts.onAmend ?? null }),
    AmendmentMarks,
    ParagraphKeys,
  ];
}

/**
 * A language version's editor: the same document, collaboration and presence, but its
 * paragraphs are the original's (no ids made here, no kinds changed, nothing split or joined).
 */
export function versionEditorExtensions(opts: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: PresenceUser;
  /** How the original's words above each paragraph are introduced and spelled. */
  original: OriginalBesideWords;
}): Extensions {
  return [
    ...resolutionSchemaExtensions,
    Collaboration.configure({ document: opts.doc, field: TEXT_FIELD }),
    CollaborationCaret.configure({ provider: opts.provider, user: opts.user, render: renderCaret }),
    RemoteSelection.configure({ document: opts.doc }),
    ParagraphNumbers,
    FixedStructure,
    ParagraphKeys,
    OriginalBeside.configure(opts.original),
  ];
}

/** What a caret whose person is not known yet is called, in the reader's interface language. */
let someone = 'Someone';
export function setCaretFallback(label: string) {
  someone = label;
}

/** A remote caret: a coloured bar and a label "name (delegation)". Built from text only. */
export function renderCaret(state: Record<string, unknown>): HTMLElement {
  const user = readPresenceUser({ user: state });
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.style.borderColor = user?.color ?? '#5f6670';
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = user?.color ?? '#5f6670';
  label.textContent = user ? presenceLabel(user) : someone;
  caret.setAttribute('data-testid', 'remote-caret');
  caret.append(label);
  return caret;
}
