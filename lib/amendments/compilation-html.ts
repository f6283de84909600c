import { escapeMarkup as esc } from '../publication/escape';
import { renderRedlineHtml } from './redline';
import {
  compilationTitle,
  entryByline,
  entryHeading,
  kindWords,
  type CompilationDocument,
} from './compilation-document';

/** The compilation as one standalone, printable HTML page: styles inline, no scripts; all text escaped. */
const STYLE = `
  body { font-family: "Times New Roman", Times, Georgia, serif; font-size: 12pt; line-height: 1.45; max-width: 48em; margin: 2em auto; padding: 0 1.5em; color: #111; }
  h1 { font-size: 1.2em; text-align: center; }
  .meta { text-align: center; color: #555; font-style: italic; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 0.4em 0.6em; vertical-align: top; text-align: left; }
  th { background: #f2f2f2; }
  ins { text-decoration: underline; color: #0b5d1e; background: #e8f5e9; }
  del { text-decoration: line-through; color: #a30000; background: #fdecea; }
  .small { font-size: 0.85em; color: #444; }
`;

export function renderCompilationHtml(doc: CompilationDocument): string {
  const rows = doc.entries
    .map(
      (e) => `<tr>
  <td>${esc(e.votingPosition === null ? '' : String(e.votingPosition))}</td>
  <td><strong>${esc(entryHeading(e))}</strong><div class="small">${esc(entryByline(e))}</div></td>
  <td><div class="small">${esc(kindWords(e))}</div><p>${renderRedlineHtml(e.segments)}</p>${e.rationale ? `<p class="small"><em>Rationale:</em> ${esc(e.rationale)}</p>` : ''}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(compilationTitle(doc))}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(compilationTitle(doc))}</h1>
<p class="meta">${esc(doc.committee)} · ${esc(doc.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC · ${doc.entries.length} amendment${doc.entries.length === 1 ? '' : 's'}</p>
<table>
<thead><tr><th>Vote</th><th>Amendment</th><th>Text (insertions underlined, deletions struck through)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>
`;
}
