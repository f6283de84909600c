import type { ImportPreview } from '../../db/commands/resolution-importer';
import { describePlace, numberParagraphs } from '../../lib/resolution/numbering';
import { presentParagraph } from './resolutions';

/**
 * What an import would record, before anything is saved: title, symbol, formula, counts of
 * each kind, the adoption, every statement with the place it names and its footnote as
 * printed, and every guess as a warning with its line.
 */
export function presentImportPreview(text: string, { parsed, warnings, missingDelegations }: ImportPreview) {
  const count = (kind: string) => parsed.paragraphs.filter((p) => p.kind === kind).length;
  const numbered = numberParagraphs(parsed.paragraphs, parsed.subparagraphNumbering);
  const labelOf = new Map(numbered.map((p) => [p.id, p.label]));
  return {
    text,
    title: parsed.title,
    symbol: parsed.symbol,
    heading: parsed.heading,
    adoption: parsed.adoption,
    enactingFormula: parsed.enactingFormula,
    subparagraphNumbering: parsed.subparagraphNumbering,
    paragraphs: numbered.map(presentParagraph),
    counts: {
      preambular: count('preambular'),
      operative: count('operative'),
      subparagraph: count('subparagraph'),
      footnotes: parsed.footnotes.length,
      statements: parsed.reservations.length,
    },
    trailer: parsed.trailer,
    footnotes: parsed.footnotes.map((f) => ({ marker: f.marker, text: f.text, statements: f.statements })),
    reservations: parsed.reservations.map((r) => ({
      delegation: r.delegation,
      kind: r.kind,
      target: r.target,
      targetLabel: r.paragraphId ? (labelOf.get(r.paragraphId) ?? null) : null,
      place: describePlace(r.target, parsed.subparagraphNumbering),
      paragraphId: r.paragraphId,
      text: r.text,
      footnote: parsed.footnotes[r.footnote]?.marker ?? '',
    })),
    missingDelegations,
    warnings,
  };
}
