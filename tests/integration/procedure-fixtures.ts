import { and, count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, ballots, delegations, resolutions, versions, votes, type Resolution } from '@/db/schema';
import { importResolution } from '@/db/commands/resolution-importer';
import { issueApiToken } from '@/db/commands/token-issuer';
import { findUserByEmail } from '@/db/queries/access';
import { loadDocState } from '@/db/queries/doc-state';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { numberParagraphs } from '@/lib/resolution/numbering';

/** Fixtures for the procedure suites: each test builds the resolution it needs in the demo committee. */

export const SHORT_DRAFT =
  'The Assembly,\n\nRecalling its earlier work,\n\n  1. Decides to act;\n\n  2. Invites parliaments to report;\n\n  3. Decides to remain seized of the matter.\n';

export async function userId(db: Db, who: string): Promise<string> {
  return (await findUserByEmail(db, `${who}@example.org`))!.id;
}

export async function tokenFor(db: Db, who: string): Promise<string> {
  return (await issueApiToken(db, await userId(db, who), 'procedure tests')).token;
}

export async function delegationIds(db: Db, committeeId: string): Promise<Record<string, string>> {
  const rows = await db.select().from(delegations).where(eq(delegations.committeeId, committeeId));
  return Object.fromEntries(rows.map((d) => [d.name, d.id]));
}

export async function resolutionAtVoting(db: Db, committeeId: string, text = SHORT_DRAFT): Promise<Resolution> {
  const { resolution } = await importResolution(db, {
    committeeId,
    actorId: await userId(db, 'secretariat'),
    text,
    title: 'Procedure fixture',
  });
  const [row] = await db
    .update(resolutions)
    .set({ stage: 'voting' })
    .where(eq(resolutions.id, resolution.id))
    .returning();
  return row;
}

export async function paragraphsOf(db: Db, resolutionId: string) {
  return numberParagraphs(decodeParagraphs((await loadDocState(db, resolutionId)).update));
}

export async function stateOf(db: Db, resolutionId: string): Promise<Uint8Array> {
  return (await loadDocState(db, resolutionId)).update;
}

/** What a refused request must leave untouched: the resolution row and the counts of everything procedural. */
export async function storedSnapshot(db: Db, resolutionId: string) {
  const [resolution] = await db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    stage: resolution.stage,
    adoption: resolution.adoption,
    versions: await n(db.select({ n: count() }).from(versions).where(eq(versions.resolutionId, resolutionId))),
    votes: await n(db.select({ n: count() }).from(votes).where(eq(votes.resolutionId, resolutionId))),
    openVotes: await n(
      db
        .select({ n: count() })
        .from(votes)
        .where(and(eq(votes.resolutionId, resolutionId), eq(votes.status, 'open'))),
    ),
    ballots: await n(
      db
        .select({ n: count() })
        .from(ballots)
        .innerJoin(votes, eq(votes.id, ballots.voteId))
        .where(eq(votes.resolutionId, resolutionId)),
    ),
    audit: await n(db.select({ n: count() }).from(auditEvents)),
  };
}
