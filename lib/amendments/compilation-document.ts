import type { DiffSegment } from './diff';

/**
 * The compilation of amendments as a document for the meeting (DOCX, HTML, PDF): one
 * entry per amendment in voting order, each the paragraph with the amendment's changes
 * marked, who tabled it and why.
 */
export interface CompilationEntry {
  number: string;
  /** "OP 8", "new, after OP 8", "Sub-amendment to A/2 (OP 8)". */
  paragraphLabel: string;
  kind: 'modify' | 'insert' | 'delete' | 'move';
  sponsor: string;
  coSponsors: string[];
  status: string;
  statusReason: string | null;
  votingPosition: number | null;
  rationale: string;
  segments: DiffSegment[];
  stale: boolean;
  /** When the amendment was tabled (the date of its tracked changes in Word). */
  tabledAt: Date;
}

export interface CompilationDocument {
  resolutionTitle: string;
  committee: string;
  generatedAt: Date;
  entries: CompilationEntry[];
}

export const compilationTitle = (doc: CompilationDocument) => `Compilation of amendments: ${doc.resolutionTitle}`;

export function entryHeading(e: CompilationEntry): string {
  return `${e.number} · ${e.paragraphLabel}`;
}

export function entryByline(e: CompilationEntry): string {
  const co = e.coSponsors.length ? `; co-sponsored by ${e.coSponsors.join(', ')}` : '';
  const status = e.statusReason ? `${e.status} (${e.statusReason})` : e.status;
  const place = e.votingPosition !== null ? ` · voting order ${e.votingPosition}` : '';
  return `Submitted by ${e.sponsor}${co} · ${status}${place}${e.stale ? ' · the paragraph changed since it was written' : ''}`;
}

const KIND_WORDS = {
  modify: 'Amend',
  insert: 'Insert a new paragraph',
  delete: 'Delete the paragraph',
  move: 'Move the paragraph',
} as const;
export const kindWords = (e: CompilationEntry) => KIND_WORDS[e.kind];
