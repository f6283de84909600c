import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { committees, delegations, reservations, resolutions, versions, type Resolution } from '../schema';
import { appendDocUpdates } from '../queries/doc-state';
import { recordAuditEvent } from './audit-recorder';
import { parseResolutionText } from '../../lib/resolution/parse';
import { encodeParagraphs } from '../../lib/text/ydoc';
import { numberParagraphs } from '../../lib/resolution/numbering';
import { DomainError, notFound } from '../../lib/errors';
import type { ParsedResolution, ParseIssue } from '../../lib/resolution/types';

export interface ImportProps {
  committeeId: string;
  actorId: string | null;
  text: string;
  title?: string;
  /** Record the adoption and reservations the text states (archiving an adopted text). */
  asAdopted?: boolean;
}

export interface ImportOutcome {
  resolution: Resolution;
  parsed: ParsedResolution;
  warnings: ParseIssue[];
}

/** Parses without saving: the preview shown before an import, and the validation of one. */
export function previewImport(text: string): { parsed: ParsedResolution; warnings: ParseIssue[] } {
  const result = parseResolutionText(text);
  if (!result.ok) {
    throw new DomainError(
      'unprocessable:import',
      `The text could not be read as a resolution (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}); nothing was saved.`,
      result.errors.map((e) => ({ path: `line ${e.line}`, line: e.line, message: e.message })),
    );
  }
  return { parsed: result.resolution, warnings: result.warnings };
}

/**
 * Creates a resolution from text: the structured text as its Yjs document, a version "As
 * imported", and the audit record — all or nothing, in one transaction.
 */
export async function importResolution(db: Db, props: ImportProps): Promise<ImportOutcome> {
  const { parsed, warnings } = previewImport(props.text);
  const [committee] = await db.select().from(committees).where(eq(committees.id, props.committeeId));
  if (!committee) throw notFound('committee');

  const state = encodeParagraphs(parsed.paragraphs);
  const adopted = props.asAdopted && parsed.adoption;
  const resolution = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(resolutions)
      .values({
        committeeId: committee.id,
        title: props.title?.trim() || defaultTitle(parsed),
        sessionLabel: parsed.adoption?.body ?? committee.sessionLabel,
        place: parsed.adoption?.place ?? committee.place,
        enactingFormula: parsed.enactingFormula ?? '',
        stage: adopted ? 'adopted' : 'drafting',
        adoption: adopted ? parsed.adoption : null,
        adoptedOn: adopted ? (parsed.adoption?.date ?? null) : null,
        createdBy: props.actorId,
      })
      .returning();
    await appendDocUpdates(tx, [{ resolutionId: row.id, update: state, userId: props.actorId }]);
    await tx.insert(versions).values({
      resolutionId: row.id,
      name: adopted ? 'As adopted (imported)' : 'As imported',
      reason: 'import',
      state,
      createdBy: props.actorId,
    });
    if (adopted) await recordImportedReservations(tx, committee.id, row.id, parsed, props.actorId);
    await recordAuditEvent(tx, {
      committeeId: committee.id,
      resolutionId: row.id,
      actorId: props.actorId,
      action: 'resolution.imported',
      details: {
        title: row.title,
        preambular: parsed.paragraphs.filter((p) => p.kind === 'preambular').length,
        operative: parsed.paragraphs.filter((p) => p.kind === 'operative').length,
        asAdopted: !!adopted,
      },
    });
    return row;
  });
  return { resolution, parsed, warnings };
}

function defaultTitle(parsed: ParsedResolution): string {
  const first = parsed.paragraphs.find((p) => p.kind === 'operative')?.text ?? 'Untitled draft';
  return first.length > 80 ? `${first.slice(0, 77)}…` : first;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Reservations name delegations by name; ones the committee lacks are created. */
async function recordImportedReservations(
  tx: Tx,
  committeeId: string,
  resolutionId: string,
  parsed: ParsedResolution,
  actorId: string | null,
) {
  const operative = numberParagraphs(parsed.paragraphs).filter((p) => p.kind === 'operative');
  for (const r of parsed.reservations) {
    let [delegation] = await tx
      .select()
      .from(delegations)
      .where(and(eq(delegations.committeeId, committeeId), eq(delegations.name, r.delegation)));
    if (!delegation)
      [delegation] = await tx.insert(delegations).values({ committeeId, name: r.delegation }).returning();
    const paragraphId = r.operativeParagraph === null ? null : (operative[r.operativeParagraph - 1]?.id ?? null);
    await tx.insert(reservations).values({
      resolutionId,
      delegationId: delegation.id,
      paragraphId,
      kind: r.kind,
      text: r.text,
      recordedBy: actorId,
    });
  }
}
