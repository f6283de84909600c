import type { Queryable } from '../../db/client';
import type { Resolution } from '../../db/schema';
import { listVersions } from '../../db/queries/resolutions';
import { can, type Actor } from '../../lib/permissions';
import type { NumberedParagraph, Stage } from '../../lib/resolution/types';

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

/** The saved versions, oldest first, each with what the viewer may do with it. */
export async function versionsOf(db: Queryable, resolution: Resolution, actor: Actor) {
  const stage = resolution.stage as Stage;
  const restore = can(actor, 'version:restore', { stage });
  return (await listVersions(db, resolution.id)).map((v) => ({ ...v, youCan: { restore } }));
}
export type ListedVersion = Awaited<ReturnType<typeof versionsOf>>[number];
