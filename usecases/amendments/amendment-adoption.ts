import type * as Y from 'yjs';
import {
  recordDecision,
  revertDecision,
  type Decision,
  type DecisionResult,
} from '../../db/commands/amendment-decider';
import { saveVersion } from '../../db/commands/version-saver';
import { readParagraphs } from '../../lib/text/ydoc';
import { updateParagraphs } from '../../lib/text/paragraph-edits';
import { applyAmendment } from '../../lib/amendments/apply';
import type { Paragraph } from '../../lib/resolution/types';
import type { ProcedureEvent } from '../kernel/events';
import { readNumberedParagraphs } from '../kernel/text-store';
import type { UseCaseContext } from '../kernel/use-case';

/**
 * Records the committee's decision on an amendment and, when adopted, applies it to the
 * text as one Yjs transaction attributed to it ("A/3 adopted"), then keeps that text as a
 * named version. Shared by the decision itself and by a closed vote on the amendment.
 *
 * The database transaction comes first: it is where two decisions racing each other are
 * told apart (the resolution's row lock), and a refusal there must leave the text alone.
 * The text change follows, outside it (the live document stores its update through its own
 * connection, which an open transaction on PGlite would block). If the text cannot be
 * changed, the decision is undone and the error reported: never an amendment marked
 * adopted whose words are not in the text.
 */
export async function applyDecision(
  { db, text }: UseCaseContext,
  decision: Omit<Decision, 'paragraphs'>,
): Promise<{ result: DecisionResult; event: ProcedureEvent }> {
  const before = stripNumbers(await readNumberedParagraphs(text, decision.resolutionId));
  const result = await recordDecision(db, { ...decision, paragraphs: before });
  const label = `${result.amendment.number ?? 'Amendment'} ${result.amendment.status}`;

  if (result.paragraphs) {
    const after = result.paragraphs;
    try {
      await text.change(
        decision.resolutionId,
        (doc: Y.Doc) => {
          const live = readParagraphs(doc);
          // Someone (a technical correction) may have changed the text since it was read:
          // then the amendment is applied to the text as it is now, rebased like any other.
          const target = sameText(live, before)
            ? after
            : applyAmendment(live, result.amendment, idsFrom(after, before));
          updateParagraphs(doc, target);
        },
        { userId: decision.actorId, label },
      );
      await saveVersion(db, {
        resolutionId: decision.resolutionId,
        name: label,
        state: await text.read(decision.resolutionId),
        actorId: decision.actorId,
        reason: 'amendment',
      });
    } catch (error) {
      await revertDecision(db, decision, result.before, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  const event: ProcedureEvent = {
    type: 'amendment.decided',
    resolutionId: decision.resolutionId,
    data: {
      amendmentId: result.amendment.id,
      number: result.amendment.number,
      outcome: result.amendment.status,
      fallen: result.fallen.map((f) => f.amendmentId),
      textChanged: !!result.paragraphs,
    },
  };
  return { result, event };
}

const stripNumbers = (paragraphs: Paragraph[]): Paragraph[] =>
  paragraphs.map(({ id, kind, text, runs }) => (runs ? { id, kind, text, runs } : { id, kind, text }));

const sameText = (a: readonly Paragraph[], b: readonly Paragraph[]) =>
  a.length === b.length && a.every((p, i) => p.id === b[i].id && p.kind === b[i].kind && p.text === b[i].text);

/** Re-applying keeps the id the stored decision gave an inserted paragraph. */
function idsFrom(after: readonly Paragraph[], before: readonly Paragraph[]): () => string {
  const known = new Set(before.map((p) => p.id));
  const fresh = after.filter((p) => !known.has(p.id)).map((p) => p.id);
  return () => fresh.shift() ?? `p-${crypto.randomUUID().replace(/-/g, '').slice(0, 18)}`;
}
