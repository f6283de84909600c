'use client';
import { useEffect, useMemo, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { useFormatter, useTranslations } from 'next-intl';
import { presenceUser } from '@/lib/editor/presence';
import { resolutionEditorExtensions, setCaretFallback, versionEditorExtensions } from './extensions';
import { useCollabSession, type CollabSession, type CollabState } from './useCollabSession';
import { Toolbar } from './Toolbar';
import { PresenceList } from './PresenceList';
import { ConnectionBadge } from './ConnectionBadge';
import { requestAmendment, useFocusParagraphRequests } from '@/app/_components/amend-request';
import { useTextMarks } from '@/app/_components/amendment-marks-store';
import { publishLiveTextReach } from '@/app/_components/live-text-store';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { amendmentMarksKey, setMarkWords } from './amendment-marks';
import { originalBesideKey, type OriginalParagraph } from '@/lib/editor/original-beside';

interface EditorUser {
  name: string;
  delegation: string | null;
  role: string;
}

interface Props {
  resolutionId: string;
  enactingFormula: string;
  user: EditorUser;
  /** The server-rendered text, shown until the live document has arrived (and without JS). */
  fallback: ReactNode;
  /** May start amendments: each paragraph then offers "Amend". */
  mayAmend?: boolean;
  /**
   * A language version instead of the original: its room `<resolution id>/<language>`, its
   * words in their language and direction, and the original's paragraphs, which it cannot change.
   */
  version?: LiveVersion;
  /** Shown instead of `fallback` once the live text turns out to be unreachable from here. */
  unreachable?: ReactNode;
}

export interface LiveVersion {
  language: string;
  direction: 'ltr' | 'rtl';
  /** The language's name, for the editor's label. */
  name: string;
  /** The original's language, and its words for each paragraph, shown above the paragraph's translation. */
  originalLanguage: string;
  originalDirection: 'ltr' | 'rtl';
  originals: OriginalParagraph[];
}

/**
 * The live resolution text: everyone with a role in the committee has it open on the same
 * Yjs document; the server decides, per connection, who may type (its access notice), and
 * the editor follows that live, e.g. turning read-only when the chair closes drafting.
 */
export function ResolutionEditor({
  resolutionId,
  enactingFormula,
  user,
  fallback,
  mayAmend = false,
  version,
  unreachable,
}: Props) {
  const t = useTranslations('editor');
  const { session, state } = useCollabSession(version ? `${resolutionId}/${version.language}` : resolutionId);
  const reach = state.loaded ? 'live' : state.unreachable ? 'unreachable' : 'opening';
  useEffect(() => {
    publishLiveTextReach(reach);
  }, [reach]);
  useEffect(() => () => publishLiveTextReach('opening'), []);
  const waiting = state.unreachable && unreachable ? unreachable : fallback;
  return (
    <section
      className="editor-shell"
      aria-label={version ? t('versionLabel', { name: version.name }) : t('label')}
      data-testid={version ? 'version-editor' : undefined}
    >
      <div className="editor-status">
        <ConnectionBadge state={state} />
        {session && <PresenceList provider={session.provider} />}
      </div>
      {session ? (
        <LiveEditor
          session={session}
          state={state}
          user={user}
          enactingFormula={enactingFormula}
          fallback={waiting}
          mayAmend={mayAmend && !version}
          version={version}
        />
      ) : (
        waiting
      )}
    </section>
  );
}

function LiveEditor({
  session,
  state,
  user,
  enactingFormula,
  fallback,
  mayAmend,
  version,
}: {
  session: CollabSession;
  state: CollabState;
  user: EditorUser;
  enactingFormula: string;
  fallback: ReactNode;
  mayAmend: boolean;
  version?: LiveVersion;
}) {
  const { name, delegation, role } = user;
  const presence = useMemo(() => presenceUser({ name, delegation, role }), [name, delegation, role]);
  const confirm = useConfirm();
  const t = useTranslations('editor');
  const tm = useTranslations('marks');
  const format = useFormatter();
  // A page refresh hands a new `version` object; only whether there is one (and the
  // original's language) matters here: the originals themselves go in by transaction.
  const isVersion = !!version;
  const originalLanguage = version?.originalLanguage ?? '';
  const originalDirection = version?.originalDirection ?? 'ltr';
  const extensions = useMemo(
    () =>
      isVersion
        ? versionEditorExtensions({
            doc: session.doc,
            provider: session.provider,
            user: presence,
            original: {
              prefix: t('originalBeside', { code: originalLanguage }),
              language: originalLanguage,
              direction: originalDirection,
            },
          })
        : resolutionEditorExtensions({
            doc: session.doc,
            provider: session.provider,
            user: presence,
            onAmend: mayAmend ? requestAmendment : null,
            // More than a page's worth is asked about first, in the app's own dialog.
            confirmLargePaste: (paragraphs, characters) =>
              confirm({
                title: t('pasteTitle', { count: paragraphs }),
                message: t('pasteMessage', { characters: format.number(characters) }),
                confirmLabel: t('pasteConfirm'),
              }),
          }),
    [session, presence, mayAmend, confirm, t, format, isVersion, originalLanguage, originalDirection],
  );
  // Never editable before the server's text has arrived or when the server says "read":
  // the server would drop the updates anyway, and the text would then differ from everyone's.
  const canEdit = state.loaded && state.access?.access === 'write';
  const editorId = version ? 'language-editor' : 'resolution-editor';
  const language = version?.language;
  const direction = version?.direction;
  const versionName = version?.name;
  // The textbox itself says whether it is read-only (aria-readonly means nothing on the article).
  const attributes = useMemo(
    () => ({
      id: editorId,
      'data-testid': editorId,
      'aria-label': versionName ? t('versionLabel', { name: versionName }) : t('label'),
      // The version's words are spelled, read aloud and laid out in their own language.
      ...(language ? { lang: language, dir: direction ?? 'ltr' } : {}),
      'aria-multiline': 'true',
      'aria-readonly': String(!canEdit),
      role: 'textbox',
      class: 'editor-body',
    }),
    [canEdit, t, editorId, language, direction, versionName],
  );
  const editor = useEditor(
    {
      // The text comes from the server over the socket, so there is nothing to render on
      // the server side; the fallback covers that moment.
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      editable: canEdit,
      extensions,
      editorProps: { attributes },
    },
    [session],
  );
  // The amendments of each paragraph, drawn in the text (kept live by the amendments panel).
  const marks = useTextMarks();
  useEffect(() => {
    setCaretFallback(t('someone'));
    setMarkWords({
      status: (status) => (tm.has(`status.${status}`) ? tm(`status.${status}` as 'status.tabled') : status),
      region: (number) => tm('region', { number }),
      markLabel: (m) => tm(m.conflict ? 'markLabelConflict' : 'markLabel', { ...m, conflict: m.conflict ?? '' }),
      withCoSponsors: (names) => tm('withCoSponsors', { names }),
      deleted: tm('deleted'),
      rationale: (text) => tm('rationale', { text }),
      conflict: (conflict) => tm('conflict', { conflict }),
      decided: (how) => tm('decided', { how }),
      showRedline: tm('showRedline'),
      showAmended: tm('showAmended'),
      close: tm('close'),
    });
  }, [tm, t]);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(amendmentMarksKey, { marks }));
  }, [editor, marks]);
  const originals = version?.originals;
  useEffect(() => {
    if (!editor || editor.isDestroyed || !originals) return;
    editor.view.dispatch(editor.state.tr.setMeta(originalBesideKey, { originals }));
  }, [editor, originals]);
  useFocusParagraphRequests((paragraphId) => {
    if (!editor) return;
    let target: number | null = null;
    editor.state.doc.forEach((node, pos) => {
      if (target === null && node.attrs.id === paragraphId) target = pos + 1;
    });
    if (target === null) return;
    editor.chain().focus().setTextSelection(target).scrollIntoView().run();
  });
  useEffect(() => {
    if (!editor) return;
    if (editor.isEditable !== canEdit) editor.setEditable(canEdit);
    editor.setOptions({ editorProps: { attributes } });
  }, [editor, canEdit, attributes]);

  return (
    <>
      {/* Nothing to format for someone who may only read: no greyed-out toolbar. */}
      {editor && canEdit && <Toolbar editor={editor} controls={editorId} kinds={!version} />}
      {!state.loaded && fallback}
      <article
        className="resolution-text resolution-editor"
        data-testid={version ? 'language-text' : 'resolution-text'}
        data-editable={canEdit}
        hidden={!state.loaded}
      >
        {enactingFormula && <p className="formula">{enactingFormula}</p>}
        <EditorContent editor={editor} />
      </article>
    </>
  );
}
