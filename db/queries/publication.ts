import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client';
import { amendments, committees, versions, votes, type Resolution } from '../schema';
import { loadDocState } from './doc-state';
import { listPrintedFootnotes, listReservations } from './reservations';
import type { StoredVoteResult } from './votes';
import { conflict } from '../../lib/errors';
import { decodeParagraphs } from '../../lib/text/ydoc';
import { buildPublishedDocument } from '../../lib/publication/document';
import type { AkomaNtosoMetadata, AkomaNtosoVote } from '../../lib/publication/akoma-ntoso';
import type { PrintedFrame, PublishedDocument } from '../../lib/publication/types';
import type { AdoptionRecord } from '../../lib/resolution/types';
import type { VoteMethod, VoteOutcome, VoteSubject } from '../../lib/votes/types';

/**
 * The adopted text: the version frozen at adoption ("As adopted"), or for a text imported
 * as already adopted, the imported version. Never the live document, which nobody may
 * change after adoption but which is not the record.
 */
export async function adoptedState(db: Queryable, resolutionId: string): Promise<Uint8Array> {
  const [version] = await db
    .select({ state: versions.state })
    .from(versions)
    .where(and(eq(versions.resolutionId, resolutionId), inArray(versions.reason, ['adoption', 'import'])))
    .orderBy(desc(versions.createdAt))
    .limit(1);
  return version?.state ?? (await loadDocState(db, resolutionId)).update;
}

/** The published document of an adopted resolution: heading, text and reservation footnotes. */
export async function publishedDocumentOf(db: Queryable, resolution: Resolution): Promise<PublishedDocument> {
  if (resolution.stage !== 'adopted' || !resolution.adoption) {
    throw conflict(
      'stage',
      `The published text exists once the resolution is adopted; it is at the ${resolution.stage} stage.`,
    );
  }
  const a = resolution.adoption as AdoptionRecord;
  const adoption: AdoptionRecord = {
    method: a.method,
    body: a.body,
    place: a.place,
    date: a.date,
    ...(a.votes ? { votes: a.votes } : {}),
  };
  const [paragraphs, reservations, printedFootnotes] = await Promise.all([
    adoptedState(db, resolution.id).then(decodeParagraphs),
    listReservations(db, resolution.id),
    listPrintedFootnotes(db, resolution.id),
  ]);
  return buildPublishedDocument({
    adoption,
    title: resolution.title,
    symbol: resolution.symbol,
    subparagraphNumbering: resolution.subparagraphNumbering,
    printedFrame: resolution.printedFrame as PrintedFrame | null,
    printedFootnotes,
    enactingFormula: resolution.enactingFormula || null,
    paragraphs,
    reservations: reservations.map((r) => ({
      delegationName: r.delegation,
      kind: r.kind,
      paragraphId: r.paragraphId,
      text: r.text,
      footnoteId: r.footnoteId,
      footnoteOrder: r.footnoteOrder,
    })),
  });
}

/** What the Akoma Ntoso export states beyond the text: identification and the votes taken. */
export async function akomaNtosoMetadataOf(
  db: Queryable,
  resolution: Resolution,
  doc: PublishedDocument,
): Promise<AkomaNtosoMetadata> {
  const [[committee], closed] = await Promise.all([
    db.select({ name: committees.name }).from(committees).where(eq(committees.id, resolution.committeeId)),
    db
      .select({ vote: votes, amendmentNumber: amendments.number })
      .from(votes)
      .leftJoin(amendments, eq(amendments.id, votes.amendmentId))
      .where(and(eq(votes.resolutionId, resolution.id), eq(votes.status, 'closed')))
      .orderBy(votes.closedAt),
  ]);
  const akVotes: AkomaNtosoVote[] = [];
  for (const { vote, amendmentNumber } of closed) {
    const result = vote.result as StoredVoteResult | null;
    if (!result) continue;
    const subject: VoteSubject =
      vote.subjectKind === 'amendment'
        ? { kind: 'amendment', amendmentId: vote.amendmentId ?? '' }
        : vote.subjectKind === 'paragraph'
          ? { kind: 'paragraph', paragraphId: vote.paragraphId ?? '' }
          : { kind: 'resolution' };
    // A separate vote on a paragraph that the adopted text no longer has cannot point into it.
    if (subject.kind === 'paragraph' && !doc.paragraphRefs[subject.paragraphId]) continue;
    akVotes.push({
      subject,
      method: vote.method as VoteMethod,
      ...result.totals,
      outcome: result.outcome as VoteOutcome,
      ...(vote.subjectKind === 'amendment' && amendmentNumber ? { label: `Amendment A/${amendmentNumber}` } : {}),
    });
  }
  return {
    resolutionId: resolution.id,
    title: resolution.title,
    committeeName: committee?.name ?? '',
    sessionLabel: resolution.sessionLabel,
    place: doc.adoption.place,
    date: doc.adoption.date ?? (resolution.adoptedOn as string | null) ?? new Date().toISOString().slice(0, 10),
    votes: akVotes,
  };
}

export const resolutionIsAdopted = (r: Resolution) => r.stage === 'adopted' && !!r.adoption;
