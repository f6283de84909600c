import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { committees, delegations, footnotes, reservations, resolutions, versions, type Resolution } from '../schema';
import { appendDocUpdates } from '../queries/doc-state';
import { recordAuditEvent } from './audit-recorder';
import { parseResolutionText } from '../../lib/resolution/parse';
import { encodeParagraphs } from '../../lib/text/ydoc';
import { DomainError, notFound } from '../../lib/errors';
import type { PrintedFrame } from '../../lib/publication/types';
import type { ParsedResolution, ParseIssue } from '../../lib/resolution/types';

export interface ImportProps {
  committeeId: string;
  actorId: string | null;
  text: string;
  title?: string;
  /** Record the adoption, statements and printed footnotes the text states (archiving an adopted text). */
  asAdopted?: boolean;
  /** Create the delegations the statements name that the committee lacks; refused otherwise. */
  createDelegations?: boolean;
}

export interface ImportOutcome {
  resolution: Resolution;
  parsed: ParsedResolution;
  warnings: ParseIssue[];
}

export interface ImportPreview {
  parsed: ParsedResolution;
  warnings: ParseIssue[];
  /** Delegations the statements name that the committee does not have yet. */
  missingDelegations: string[];
}

/** Parses without saving: the validation of an import. */
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

/** The names the statements use that no delegation of the committee has. */
async function missingDelegationsOf(db: Db | Tx, committeeId: string, parsed: ParsedResolution): Promise<string[]> {
  const named = [...new Set(parsed.reservations.map((r) => r.delegation))];
  if (named.length === 0) return [];
  const known = await db
    .select({ name: delegations.name })
    .from(delegations)
    .where(and(eq(delegations.committeeId, committeeId), inArray(delegations.name, named)));
  const have = new Set(known.map((d) => d.name));
  return named.filter((n) => !have.has(n));
}

/**
 * What an import would do, before anything is saved: the parse, its warnings, and a warning
 * for each delegation a statement names that the committee does not have (created only
 * when the import asks for it).
 */
export async function previewImportFor(db: Db, committeeId: string, text: string): Promise<ImportPreview> {
  const { parsed, warnings } = previewImport(text);
  const missingDelegations = await missingDelegationsOf(db, committeeId, parsed);
  const lineOf = (name: string) =>
    parsed.footnotes[parsed.reservations.find((r) => r.delegation === name)?.footnote ?? 0]?.line ?? 1;
  const more = missingDelegations.map((name) => ({
    line: lineOf(name),
    message: `the delegation "${name}" does not exist in this committee yet: importing as adopted creates it only if you choose to create delegations; otherwise the import is refused`,
  }));
  return { parsed, warnings: [...warnings, ...more].sort((a, b) => a.line - b.line), missingDelegations };
}

/** The title: given, else the text's own (title line, UN or PACE title), else its symbol, else the start of OP 1. */
function titleOf(props: ImportProps, parsed: ParsedResolution, warnings: ParseIssue[]): string {
  const given = props.title?.trim();
  if (given) return given;
  if (parsed.title) return parsed.title.slice(0, 300);
  if (parsed.symbol) return `Resolution ${parsed.symbol}`;
  const first = parsed.paragraphs.find((p) => p.kind === 'operative')?.text ?? 'Untitled draft';
  warnings.push({
    line: 1,
    message:
      'the text carries no title line, so the resolution is named after its first operative paragraph; give a title to name it',
  });
  return first.length > 80 ? `${first.slice(0, 77)}…` : first;
}

/**
 * Creates a resolution from text: the structured text as its Yjs document, a version "As
 * imported", and the audit record — all or nothing, in one transaction. Imported as
 * adopted, it also records the adoption, every statement on the exact (sub-)paragraph it
 * names, and the footnotes as printed (with their grouping and order), so that publishing
 * it prints what was printed.
 */
export async function importResolution(db: Db, props: ImportProps): Promise<ImportOutcome> {
  const { parsed, warnings } = previewImport(props.text);
  const [committee] = await db.select().from(committees).where(eq(committees.id, props.committeeId));
  if (!committee) throw notFound('committee');
  const title = titleOf(props, parsed, warnings);

  const state = encodeParagraphs(parsed.paragraphs);
  const adopted = props.asAdopted && parsed.adoption;
  const frame: PrintedFrame | null = adopted
    ? { heading: parsed.heading?.split('\n') ?? [], trailer: parsed.trailer }
    : null;
  const resolution = await db.transaction(async (tx) => {
    if (adopted && !props.createDelegations) {
      const missing = await missingDelegationsOf(tx, committee.id, parsed);
      if (missing.length > 0) {
        throw new DomainError(
          'unprocessable:import',
          `The footnotes name delegation${missing.length === 1 ? '' : 's'} this committee does not have: ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} to the committee first, or choose to create delegations when importing; nothing was saved.`,
        );
      }
    }
    const [row] = await tx
      .insert(resolutions)
      .values({
        committeeId: committee.id,
        title,
        symbol: parsed.symbol ?? '',
        subparagraphNumbering: parsed.subparagraphNumbering,
        printedFrame: frame,
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
    if (adopted) await recordPrintedStatements(tx, committee.id, row.id, parsed, props.actorId);
    await recordAuditEvent(tx, {
      committeeId: committee.id,
      resolutionId: row.id,
      actorId: props.actorId,
      action: 'resolution.imported',
      details: {
        title: row.title,
        symbol: row.symbol || null,
        preambular: parsed.paragraphs.filter((p) => p.kind === 'preambular').length,
        operative: parsed.paragraphs.filter((p) => p.kind === 'operative').length,
        asAdopted: !!adopted,
        statements: adopted ? parsed.reservations.length : 0,
        createdDelegations: !!(adopted && props.createDelegations),
      },
    });
    return row;
  });
  return { resolution, parsed, warnings };
}

/** The printed footnotes, then each statement against its footnote and the paragraph it names. */
async function recordPrintedStatements(
  tx: Tx,
  committeeId: string,
  resolutionId: string,
  parsed: ParsedResolution,
  actorId: string | null,
) {
  const footnoteIds: string[] = [];
  for (const [position, f] of parsed.footnotes.entries()) {
    const [row] = await tx
      .insert(footnotes)
      .values({ resolutionId, position, marker: f.marker, text: f.text, statements: f.statements })
      .returning({ id: footnotes.id });
    footnoteIds.push(row.id);
  }
  const delegationIds = new Map<string, string>();
  for (const [order, r] of parsed.reservations.entries()) {
    let id = delegationIds.get(r.delegation);
    if (!id) {
      const [found] = await tx
        .select({ id: delegations.id })
        .from(delegations)
        .where(and(eq(delegations.committeeId, committeeId), eq(delegations.name, r.delegation)));
      id = found?.id ?? (await tx.insert(delegations).values({ committeeId, name: r.delegation }).returning())[0].id;
      delegationIds.set(r.delegation, id);
    }
    await tx.insert(reservations).values({
      resolutionId,
      delegationId: id,
      paragraphId: r.paragraphId,
      kind: r.kind,
      text: r.text,
      footnoteId: footnoteIds[r.footnote],
      footnoteOrder: order,
      recordedBy: actorId,
    });
  }
}
