import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { amendments, resolutions, versions, votes, type Resolution } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { conflict } from '../../lib/errors';
import type { AdoptionMethod, AdoptionRecord } from '../../lib/resolution/types';
import type { VoteTotals } from '../../lib/votes/types';

/** The adoption as stored on the resolution: the published heading's facts, and where they came from. */
export interface StoredAdoption extends AdoptionRecord {
  /** The vote on the whole text that adopted it, for adoption by vote. */
  voteId?: string;
  declaredBy?: string;
  declaredAt?: string;
  /** Set when the secretariat publishes the text; reservations close then. */
  publishedAt?: string;
  publishedBy?: string;
}

export interface AdoptionDeclaration {
  resolutionId: string;
  method: AdoptionMethod;
  /** YYYY-MM-DD; today when not given. */
  date?: string;
  place?: string;
  /** The adopting body as printed after "by the": "122nd IPU Assembly". */
  session?: string;
  actorId: string;
  /** The text as it stands: frozen as the adopted version. */
  state: Uint8Array;
  vote?: { id: string; totals: VoteTotals };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The chair declares the resolution adopted (by consensus, or without a vote). */
export async function declareAdoption(db: Db, declaration: AdoptionDeclaration): Promise<Resolution> {
  return db.transaction((tx) => adoptWithin(tx, declaration));
}

/**
 * Adoption inside a transaction that is already open: the chair's declaration, or the
 * closing of a vote on the whole text that carried (db/commands/vote-closer.ts). Refused,
 * saying which, while a vote is open or amendments are undecided; freezes the text as the
 * version "As adopted", moves the stage to adopted and records method, date, session and place.
 */
export async function adoptWithin(tx: Tx, declaration: AdoptionDeclaration): Promise<Resolution> {
  const [resolution] = await tx
    .select()
    .from(resolutions)
    .where(eq(resolutions.id, declaration.resolutionId))
    .for('update');
  if (!resolution) throw conflict('resolution', 'The resolution no longer exists.');
  if (resolution.stage !== 'voting') {
    throw conflict(
      'stage',
      resolution.stage === 'adopted'
        ? 'The resolution is already adopted.'
        : `A resolution is adopted at the voting stage; this one is at the ${resolution.stage} stage. Move it to voting first.`,
    );
  }
  const open = await tx
    .select({ id: votes.id, subjectKind: votes.subjectKind })
    .from(votes)
    .where(and(eq(votes.resolutionId, resolution.id), eq(votes.status, 'open')));
  if (open.length > 0) {
    throw conflict(
      'vote',
      `A vote is still open (on ${open[0].subjectKind === 'resolution' ? 'the whole text' : `the ${open[0].subjectKind}`}); close it before declaring adoption.`,
    );
  }
  const undecided = await tx
    .select({ number: amendments.number })
    .from(amendments)
    .where(and(eq(amendments.resolutionId, resolution.id), eq(amendments.status, 'tabled')))
    .orderBy(asc(amendments.number));
  if (undecided.length > 0) {
    const names = undecided.map((a) => `A/${a.number ?? '?'}`).join(', ');
    throw conflict(
      'amendments',
      `Amendment${undecided.length === 1 ? '' : 's'} ${names} ${undecided.length === 1 ? 'is' : 'are'} tabled but not decided; decide, withdraw or rule on ${undecided.length === 1 ? 'it' : 'them'} before adoption.`,
    );
  }

  const adoption: StoredAdoption = {
    method: declaration.method,
    body: declaration.session?.trim() || resolution.sessionLabel,
    place: declaration.place?.trim() || resolution.place || undefined,
    date: declaration.date ?? today(),
    ...(declaration.vote ? { votes: declaration.vote.totals, voteId: declaration.vote.id } : {}),
    declaredBy: declaration.actorId,
    declaredAt: new Date().toISOString(),
  };
  const [row] = await tx
    .update(resolutions)
    .set({
      stage: 'adopted',
      adoption,
      adoptedOn: adoption.date,
      sessionLabel: adoption.body,
      place: adoption.place ?? '',
      updatedAt: sql`now()`,
    })
    .where(eq(resolutions.id, resolution.id))
    .returning();
  await tx.insert(versions).values({
    resolutionId: resolution.id,
    name: 'As adopted',
    reason: 'adoption',
    state: declaration.state,
    createdBy: declaration.actorId,
  });
  await recordAuditEvent(tx, {
    committeeId: resolution.committeeId,
    resolutionId: resolution.id,
    actorId: declaration.actorId,
    action: 'resolution.adopted',
    details: {
      method: adoption.method,
      date: adoption.date,
      place: adoption.place ?? null,
      session: adoption.body,
      voteId: declaration.vote?.id ?? null,
      votes: declaration.vote?.totals ?? null,
    },
  });
  return row;
}
