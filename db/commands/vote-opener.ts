import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { amendments, resolutions, votes, type Resolution, type Vote } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { committeeWeights, openVoteOf } from '../queries/votes';
import { badRequest, conflict } from '../../lib/errors';
import { drawByLot } from '../../lib/votes/roll-call';
import type { MajorityRule, VoteMethod, VoteSubject } from '../../lib/votes/types';

export interface VoteOpening {
  resolution: Resolution;
  subject: VoteSubject;
  method: VoteMethod;
  majority: MajorityRule;
  quorum?: number | null;
  weighted?: boolean;
  actorId: string;
  /** Stable ids of the paragraphs in the current text (a separate vote must name one of them). */
  paragraphIds: readonly string[];
  /** For the roll-call draw; crypto-random by default, seeded in tests. */
  random?: () => number;
}

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47; // randomInt spans at most 2^48 - 1

/**
 * The chair puts a question to the vote. Refused unless the resolution is at the voting
 * stage, the subject exists (a tabled amendment of this resolution, a paragraph of its
 * current text) and no other vote is open: the floor answers one question at a time.
 */
export async function openVote(db: Db, opening: VoteOpening): Promise<Vote> {
  const { resolution, subject } = opening;
  if (resolution.stage !== 'voting') {
    throw conflict(
      'stage',
      `Votes are taken at the voting stage; this resolution is at the ${resolution.stage} stage. Move it to voting first.`,
    );
  }
  if (subject.kind === 'paragraph' && !opening.paragraphIds.includes(subject.paragraphId)) {
    throw badRequest(
      'paragraph',
      `There is no paragraph ${subject.paragraphId} in the current text; a separate vote names a paragraph by its stable id.`,
      [{ path: 'body.subject.paragraphId', message: 'not a paragraph of the current text' }],
    );
  }
  const { delegations } = await committeeWeights(db, resolution.committeeId);
  if (delegations.length === 0)
    throw conflict('delegations', 'The committee has no delegations, so nobody could vote.');

  return db.transaction(async (tx) => {
    // The resolution row is the lock that orders votes and adoption: a vote cannot open
    // on a text being adopted in the same instant.
    const [locked] = await tx
      .select({ stage: resolutions.stage })
      .from(resolutions)
      .where(eq(resolutions.id, resolution.id))
      .for('update');
    if (locked?.stage !== 'voting')
      throw conflict(
        'stage',
        `Votes are taken at the voting stage; this resolution is now at the ${locked?.stage ?? 'unknown'} stage.`,
      );
    if (subject.kind === 'amendment') {
      const [amendment] = await tx
        .select({ status: amendments.status, number: amendments.number })
        .from(amendments)
        .where(and(eq(amendments.id, subject.amendmentId), eq(amendments.resolutionId, resolution.id)));
      if (!amendment) {
        throw badRequest('amendment', "That amendment is not one of this resolution's.", [
          { path: 'body.subject.amendmentId', message: 'unknown amendment' },
        ]);
      }
      if (amendment.status !== 'tabled') {
        throw conflict(
          'amendment',
          `Amendment A/${amendment.number ?? '?'} is ${amendment.status}; only a tabled amendment is put to the vote.`,
        );
      }
    }
    if (subject.kind === 'resolution') {
      // The whole text is voted last: a vote that carried would adopt a text still open to amendment.
      const undecided = await tx
        .select({ number: amendments.number })
        .from(amendments)
        .where(and(eq(amendments.resolutionId, resolution.id), eq(amendments.status, 'tabled')));
      if (undecided.length > 0) {
        const names = undecided
          .map((a) => `A/${a.number ?? '?'}`)
          .sort()
          .join(', ');
        throw conflict(
          'amendments',
          `Amendments still undecided (${names}); decide them before putting the whole text to the vote.`,
        );
      }
    }
    const already = await openVoteOf(tx, resolution.id);
    if (already) throw conflict('vote', 'Another vote is open on this resolution; close it before opening the next.');
    // Draw once, then find the delegation drawn (a draw inside find() would draw again per row).
    const drawnName =
      opening.method === 'roll_call'
        ? drawByLot(
            delegations.map((x) => x.name),
            opening.random ?? cryptoRandom,
          )
        : null;
    const drawnFirst = drawnName === null ? null : delegations.find((d) => d.name === drawnName)!.id;
    const [vote] = await tx
      .insert(votes)
      .values({
        resolutionId: resolution.id,
        subjectKind: subject.kind,
        amendmentId: subject.kind === 'amendment' ? subject.amendmentId : null,
        paragraphId: subject.kind === 'paragraph' ? subject.paragraphId : null,
        method: opening.method,
        majority: opening.majority,
        quorum: opening.quorum ?? null,
        weighted: opening.weighted ? 1 : 0,
        rollCallFirstDelegationId: drawnFirst,
        openedBy: opening.actorId,
      })
      // The partial unique index (one open vote per resolution) settles a race between two
      // openings that both passed the check above.
      .onConflictDoNothing()
      .returning();
    if (!vote) throw conflict('vote', 'Another vote is open on this resolution; close it before opening the next.');
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: opening.actorId,
      action: 'vote.opened',
      details: {
        voteId: vote.id,
        subject,
        method: vote.method,
        majority: vote.majority,
        quorum: vote.quorum,
        weighted: opening.weighted ?? false,
        rollCallFirstDelegationId: drawnFirst,
      },
    });
    return vote;
  });
}
