/**
 * The published document as one standalone HTML page: no scripts, no external resources,
 * styles inline, laid out like the printed text and ready for the browser's "Print".
 * Every piece of text is escaped; nothing from the document is ever markup.
 */
import { textDirection } from '../languages/codes';
import { escapeMarkup as esc } from './escape';
import { documentTitle } from './document';
import { headingMarkers } from './footnotes';
import type { PublishedDocument, PublishedSubparagraph } from './types';

const STYLE = `
  @page { size: A4; margin: 2.5cm 2.2cm; }
  html { background: #fff; color: #111; }
  body { font-family: "Times New Roman", Times, Georgia, serif; font-size: 12pt; line-height: 1.45; max-width: 40em; margin: 2.5em auto; padding: 0 1.5em; }
  header { text-align: center; margin-bottom: 2em; }
  header h1 { font-size: 1em; font-weight: bold; margin: 0; }
  header p { margin: 0.2em 0 0; font-style: italic; }
  p { margin: 0 0 1em; orphans: 3; widows: 3; }
  .formula { margin-bottom: 1.2em; }
  ol { list-style: none; margin: 0; padding: 0; }
  ol.operative > li { margin: 0 0 1em; padding-left: 2.5em; text-indent: -2.5em; orphans: 3; widows: 3; }
  ol.subparagraphs { margin-top: 1em; }
  ol.subparagraphs > li { margin: 0 0 0.8em; padding-left: 2.5em; text-indent: -2.5em; }
  .num { display: inline-block; width: 2.5em; text-indent: 0; }
  a.callout { color: inherit; text-decoration: none; }
  footer { margin-top: 2em; border-top: 1px solid #999; padding-top: 0.8em; font-size: 0.9em; }
  footer p { padding-left: 2.5em; text-indent: -2.5em; }
  footer .marker { display: inline-block; width: 2.5em; text-indent: 0; }
  @media print { body { max-width: none; margin: 0; padding: 0; } a.callout { color: inherit; } }
`;

const fnId = (i: number) => `fn-${i + 1}`;

/** A sub-paragraph's (i), (ii)… as a list nested in it; '' when it has none. */
function items(number: number, sub: PublishedSubparagraph): string {
  if (sub.items.length === 0) return '';
  const li = sub.items.map(
    (item) =>
      `<li id="op-${number}-${esc(sub.letter)}-${esc(item.numeral)}"><span class="num">${esc(item.label)}</span>${esc(item.text)}</li>`,
  );
  return `<ol class="subparagraphs">${li.join('')}</ol>`;
}

/** The first heading line, its footnote call-outs linked to the footnotes. */
function headingLine(doc: PublishedDocument): string {
  const line = doc.headingLines[0] ?? '';
  const markers = headingMarkers(doc.notes);
  // The call-outs follow the method phrase, before the body's name: the first occurrence is theirs.
  const at = markers ? line.indexOf(markers) : -1;
  if (at < 0) return esc(line);
  const links = doc.notes
    .map((n, i) => `<a class="callout" href="#${fnId(i)}" aria-label="footnote ${i + 1}">${esc(n.marker)}</a>`)
    .join(',');
  return `${esc(line.slice(0, at))}${links}${esc(line.slice(at + markers.length))}`;
}

function titleOf(doc: PublishedDocument): string {
  return [documentTitle(doc), ...doc.headingLines.slice(1)].join(' ');
}

export function renderPublishedHtml(doc: PublishedDocument): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${esc(doc.language ?? 'en')}"${textDirection(doc.language ?? 'en') === 'rtl' ? ' dir="rtl"' : ''}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(titleOf(doc))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<article class="resolution">',
  ];
  if (doc.headingLines.length > 0) {
    out.push('<header>', `<h1>${headingLine(doc)}</h1>`);
    for (const line of doc.headingLines.slice(1)) out.push(`<p>${esc(line)}</p>`);
    out.push('</header>');
  }
  if (doc.enactingFormula) out.push(`<p class="formula">${esc(doc.enactingFormula)}</p>`);
  if (doc.preambular.length > 0) {
    out.push('<section class="preamble">', ...doc.preambular.map((p) => `<p>${esc(p)}</p>`), '</section>');
  }
  if (doc.operative.length > 0) {
    out.push('<ol class="operative">');
    for (const op of doc.operative) {
      out.push(`<li id="op-${op.number}"><span class="num">${op.number}.</span>${esc(op.text)}`);
      if (op.subparagraphs.length > 0) {
        out.push('<ol class="subparagraphs">');
        for (const sub of op.subparagraphs)
          out.push(
            `<li id="op-${op.number}-${esc(sub.letter)}"><span class="num">${esc(sub.label)}</span>${esc(sub.text)}${items(op.number, sub)}</li>`,
          );
        out.push('</ol>');
      }
      out.push('</li>');
    }
    out.push('</ol>');
  }
  for (const block of doc.trailer) out.push(`<p class="closing">${block.split('\n').map(esc).join('<br>')}</p>`);
  if (doc.notes.length > 0) {
    out.push('<footer class="footnotes">');
    doc.notes.forEach((n, i) => {
      out.push(`<p id="${fnId(i)}"><span class="marker">${esc(n.marker)}</span>${esc(n.text)}</p>`);
    });
    out.push('</footer>');
  }
  out.push('</article>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
