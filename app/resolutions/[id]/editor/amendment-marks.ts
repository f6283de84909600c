import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextMark } from '@/app/_components/amendment-marks-store';

/**
 * Amendments where the text is: each paragraph ends with compact marks for its amendments
 * (number, sponsor, status); opening one shows, under the paragraph and across the full
 * width of the text, its redline with sponsor, co-sponsors, rationale, conflicts and how it
 * was decided, and "show as amended". Widgets, not text: nobody types into them and the
 * paragraph's words stay its own (the mark's words come from CSS, its name from aria-label).
 */
interface MarksState {
  marks: TextMark[];
  open: string | null;
  /** Amendments shown "as amended" instead of as a redline. */
  amended: ReadonlySet<string>;
  decorations: DecorationSet;
}
type MarksMeta = Partial<Pick<MarksState, 'marks' | 'open' | 'amended'>>;

export const amendmentMarksKey = new PluginKey<MarksState>('amendmentMarks');

/** The marks' words in the reader's interface language (set by the editor from its catalogue). */
export interface MarkWords {
  status: (status: string) => string;
  region: (number: string) => string;
  markLabel: (m: { number: string; sponsor: string; status: string; conflict: string | null }) => string;
  withCoSponsors: (names: string) => string;
  deleted: string;
  rationale: (text: string) => string;
  conflict: (conflict: string) => string;
  decided: (how: string) => string;
  showRedline: string;
  showAmended: string;
  close: string;
}

let words: MarkWords = {
  status: (status) => status,
  region: (number) => `Amendment ${number}`,
  markLabel: (m) => `Amendment ${m.number} by ${m.sponsor}, ${m.status}${m.conflict ? `; ${m.conflict}` : ''}`,
  withCoSponsors: (names) => `, with ${names}`,
  deleted: 'The paragraph is deleted.',
  rationale: (text) => `Rationale: ${text}`,
  conflict: (conflict) => `⚠ ${conflict}: adopting one makes the other fall.`,
  decided: (how) => `Decided ${how}.`,
  showRedline: 'Show the redline',
  showAmended: 'Show the paragraph as amended',
  close: 'Close',
};

/** Widgets are drawn outside React: the editor hands them the page's words once. */
export function setMarkWords(next: MarkWords) {
  words = next;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(className: string, onClick: () => void): HTMLButtonElement {
  const b = element('button', className);
  b.type = 'button';
  b.contentEditable = 'false';
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', (e) => {
    e.preventDefault();
    onClick();
  });
  return b;
}

type Dispatch = (meta: MarksMeta) => void;

function marksWidget(list: TextMark[], open: string | null, dispatch: Dispatch) {
  return () => {
    const span = element('span', 'amend-marks');
    span.contentEditable = 'false';
    span.setAttribute('data-testid', 'amend-marks');
    for (const m of list) {
      const b = button(`amend-mark status-${m.status}${m.conflict ? ' conflict' : ''}`, () =>
        dispatch({ open: open === m.id ? null : m.id }),
      );
      const status = words.status(m.status);
      b.dataset.label = `${m.number} · ${m.sponsor} · ${status}${m.conflict ? ' ⚠' : ''}`;
      b.dataset.number = m.number;
      b.setAttribute('data-testid', 'amend-mark');
      b.setAttribute('aria-expanded', String(open === m.id));
      b.setAttribute('aria-label', words.markLabel({ ...m, status, conflict: m.conflict ?? null }));
      span.append(b);
    }
    return span;
  };
}

function detailWidget(m: TextMark, showAmended: boolean, dispatch: Dispatch, amended: ReadonlySet<string>) {
  return () => {
    const box = element('div', `amend-detail status-${m.status}`);
    box.contentEditable = 'false';
    box.setAttribute('data-testid', 'amend-detail');
    box.dataset.number = m.number;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', words.region(m.number));
    const head = element('p', 'amend-detail-head');
    head.append(element('strong', undefined, m.number), ` ${m.sponsor}`);
    if (m.coSponsors.length) head.append(words.withCoSponsors(m.coSponsors.join(', ')));
    head.append(' · ', element('span', `badge status-${m.status}`, words.status(m.status)));
    box.append(head);
    const body = element('p', 'amend-detail-text');
    if (showAmended) {
      body.setAttribute('data-testid', 'amend-detail-amended');
      body.append(m.kind === 'delete' ? element('em', undefined, words.deleted) : m.asAmended);
    } else {
      body.setAttribute('data-testid', 'amend-detail-redline');
      for (const s of m.segments) {
        body.append(
          s.op === 'insert'
            ? element('ins', undefined, s.text)
            : s.op === 'delete'
              ? element('del', undefined, s.text)
              : s.text,
        );
      }
    }
    box.append(body);
    if (m.rationale) box.append(element('p', 'amend-detail-rationale', words.rationale(m.rationale)));
    if (m.conflict) {
      const c = element('p', 'amend-detail-conflict', words.conflict(m.conflict));
      c.setAttribute('data-testid', 'amend-detail-conflict');
      box.append(c);
    }
    if (m.decided) {
      const d = element('p', 'amend-detail-decided', words.decided(m.decided));
      d.setAttribute('data-testid', 'amend-detail-decided');
      box.append(d);
    }
    const actions = element('p', 'amend-detail-actions');
    const toggle = button('link-button', () => {
      const next = new Set(amended);
      if (next.has(m.id)) next.delete(m.id);
      else next.add(m.id);
      dispatch({ amended: next });
    });
    toggle.textContent = showAmended ? words.showRedline : words.showAmended;
    toggle.setAttribute('aria-pressed', String(showAmended));
    toggle.setAttribute('data-testid', 'amend-detail-toggle');
    const close = button('link-button', () => dispatch({ open: null }));
    close.textContent = words.close;
    actions.append(toggle, ' · ', close);
    box.append(actions);
    return box;
  };
}

function build(doc: PmNode, s: Omit<MarksState, 'decorations'>, dispatch: Dispatch): DecorationSet {
  const byParagraph = new Map<string, TextMark[]>();
  for (const m of s.marks) byParagraph.set(m.paragraphId, [...(byParagraph.get(m.paragraphId) ?? []), m]);
  const decorations: Decoration[] = [];
  doc.forEach((node, pos) => {
    const id = node.attrs.id as string | null;
    const list = id ? byParagraph.get(id) : undefined;
    if (!id || !list?.length) return;
    const key = list.map((m) => `${m.id}:${m.status}:${m.conflict ? 1 : 0}`).join(',');
    decorations.push(
      Decoration.widget(pos + node.nodeSize - 1, marksWidget(list, s.open, dispatch), {
        side: 1,
        key: `marks-${id}-${key}-${s.open ?? ''}`,
        ignoreSelection: true,
        stopEvent: () => true,
      }),
    );
    const open = list.find((m) => m.id === s.open);
    if (open) {
      const showAmended = s.amended.has(open.id);
      decorations.push(
        Decoration.widget(pos + node.nodeSize, detailWidget(open, showAmended, dispatch, s.amended), {
          side: -1,
          key: `detail-${open.id}-${showAmended}-${open.status}-${open.decided ?? ''}`,
          ignoreSelection: true,
          stopEvent: () => true,
        }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

export const AmendmentMarks = Extension.create({
  name: 'amendmentMarks',
  addProseMirrorPlugins() {
    const editor = this.editor;
    const dispatch: Dispatch = (meta) => {
      if (editor.isDestroyed) return;
      editor.view.dispatch(editor.state.tr.setMeta(amendmentMarksKey, meta));
    };
    return [
      new Plugin<MarksState>({
        key: amendmentMarksKey,
        state: {
          init: (_, state: EditorState) => {
            const s = { marks: [], open: null, amended: new Set<string>() };
            return { ...s, decorations: build(state.doc, s, dispatch) };
          },
          apply: (tr, old) => {
            const meta = tr.getMeta(amendmentMarksKey) as MarksMeta | undefined;
            if (!meta && !tr.docChanged) return old;
            const next = { marks: old.marks, open: old.open, amended: old.amended, ...meta };
            return { ...next, decorations: build(tr.doc, next, dispatch) };
          },
        },
        props: { decorations: (state) => amendmentMarksKey.getState(state)?.decorations },
      }),
    ];
  },
});
