import type { Db } from '@/db/client';
import type { Resolution } from '@/db/schema';
import { tablingTimes } from '@/db/queries/amendments';
import type { CompilationDocument } from '@/lib/amendments/compilation-document';
import type { Actor } from '@/lib/permissions';
import { loadCompilation } from '@/usecases/reads/amendments';

/**
 * The amendments before the committee (tabled, and those already decided), in voting
 * order then tabling order: what the printed compilation lists. Drafts are not in it.
 */
export async function compilationDocument(
  db: Db,
  resolution: Resolution,
  committee: string,
  actor: Actor,
): Promise<CompilationDocument> {
  const { amendments, all } = await loadCompilation(db, resolution, actor);
  const tabledAt = await tablingTimes(
    db,
    all.map((a) => a.id),
  );
  const entries = amendments
    .filter((a) => a.status !== 'draft' && a.number !== null)
    .sort(
      (x, y) =>
        (x.voting?.position ?? Infinity) - (y.voting?.position ?? Infinity) ||
        x.number!.localeCompare(y.number!, 'en', { numeric: true }),
    )
    .map((a) => ({
      number: a.number!,
      paragraphLabel: a.parentNumber
        ? `Sub-amendment to ${a.parentNumber} (${a.paragraphLabel ?? 'deleted paragraph'})`
        : (a.paragraphLabel ?? 'a deleted paragraph'),
      kind: a.kind,
      sponsor: a.sponsor.name,
      coSponsors: a.coSponsors.map((c) => c.name),
      status: a.status,
      statusReason: a.statusReason,
      votingPosition: a.voting?.position ?? null,
      rationale: a.rationale,
      segments: a.redline.segments,
      stale: a.stale,
      tabledAt: tabledAt.get(a.id) ?? new Date(a.createdAt),
    }));
  return { resolutionTitle: resolution.title, committee, generatedAt: new Date(), entries };
}
