import { z } from 'zod';
import type { Queryable } from '../../db/client';
import { getVersion } from '../../db/queries/resolutions';
import { currentParagraphs } from './resolution-text';
import { decodeParagraphs } from '../../lib/text/ydoc';
import { compareVersions, type VersionComparison } from '../../lib/versions/compare';
import { diffWords } from '../../lib/amendments/diff';
import type { Paragraph } from '../../lib/resolution/types';

const versionRef = z
  .union([z.literal('current'), z.uuid('Give a version id or "current".')])
  .meta({ description: 'A version id, or "current" for the live text', example: 'current' });
/** Which two sides to compare, as the API's query and the compare page's address give them. */
export const compareVersionsQuery = z.object({ from: versionRef, to: versionRef.default('current') });

/** A side of a comparison: a saved version's id, or "current" for the live text. */
export type VersionRef = 'current' | (string & {});

export interface ComparedSide {
  id: string;
  name: string;
  createdAt: Date | null;
}

export interface VersionRefComparison extends VersionComparison {
  from: ComparedSide;
  to: ComparedSide;
}

async function load(
  db: Queryable,
  resolutionId: string,
  ref: VersionRef,
): Promise<ComparedSide & { paragraphs: Paragraph[] }> {
  if (ref === 'current') {
    return {
      id: 'current',
      name: 'Current text',
      createdAt: null,
      paragraphs: await currentParagraphs(db, resolutionId),
    };
  }
  // getVersion is scoped to the resolution: another resolution's version id is a 404.
  const version = await getVersion(db, resolutionId, ref);
  return {
    id: version.id,
    name: version.name,
    createdAt: version.createdAt,
    paragraphs: decodeParagraphs(version.state),
  };
}

/**
 * Two versions (or a version and the live text) as a paragraph-aware redline: paragraphs
 * matched by stable id, word-level changes inside each. Used by the API and the page alike.
 */
export async function compareVersionRefs(
  db: Queryable,
  resolutionId: string,
  from: VersionRef,
  to: VersionRef,
): Promise<VersionRefComparison> {
  const [a, b] = await Promise.all([load(db, resolutionId, from), load(db, resolutionId, to)]);
  const comparison = compareVersions(a.paragraphs, b.paragraphs, diffWords);
  return {
    from: { id: a.id, name: a.name, createdAt: a.createdAt },
    to: { id: b.id, name: b.name, createdAt: b.createdAt },
    ...comparison,
  };
}
