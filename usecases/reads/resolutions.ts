import type { Resolution } from '../../db/schema';
import type { NumberedParagraph } from '../../lib/resolution/types';

export const presentResolution = (r: Resolution) => ({
  id: r.id,
  committeeId: r.committeeId,
  title: r.title,
  symbol: r.symbol,
  stage: r.stage,
  sessionLabel: r.sessionLabel,
  place: r.place,
  enactingFormula: r.enactingFormula,
  adoption: r.adoption,
  tablingDeadline: r.tablingDeadline,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const presentParagraph = (p: NumberedParagraph) => ({
  id: p.id,
  kind: p.kind,
  label: p.label,
  printedNumber: p.printedNumber,
  text: p.text,
  ...(p.runs ? { runs: p.runs } : {}),
});

export type { Resolution } from '../../db/schema';
export type { ResolutionAccess } from '../../db/queries/access';
export type { StoredAdoption } from '../../db/commands/adoption-declarer';
export { resolutionForUser, listResolutions, listVersions, getVersion } from '../../db/queries/resolutions';
export { publishedDocumentOf } from '../../db/queries/publication';
