import { storeParagraphWordings } from '../../db/commands/language-versions';
import { listParagraphWordings } from '../../db/queries/languages';
import { conflict, notFound } from '../../lib/errors';
import { alignVersion, confirmWording } from '../../lib/languages/alignment';
import type { AlignedParagraph } from '../../lib/languages/types';
import { defineUseCase, userIdOf, type Outcome, type UseCaseContext } from '../kernel/use-case';
import { writableVersion } from './context';

interface ParagraphInput {
  resolutionId: string;
  language: string;
  paragraphId: string;
}

/**
 * A translator (or the secretariat) writes one paragraph's wording in a version. Writing it
 * confirms it against the original as it reads now: it is up to date until the original
 * paragraph changes.
 */
export const translateParagraph = defineUseCase(
  'language.translate-paragraph',
  (ctx, actor, input: ParagraphInput & { text: string }) =>
    writeParagraph(ctx, userIdOf(actor), input, () => input.text),
);

/** "Confirm": the original's change does not affect the translation; its words stay. */
export const confirmParagraph = defineUseCase('language.confirm-paragraph', (ctx, actor, input: ParagraphInput) =>
  writeParagraph(ctx, userIdOf(actor), input, (current) => {
    if (current === null || current.trim() === '')
      throw conflict(
        'translation',
        'This paragraph has no translation yet: write one (PUT …/paragraphs/{paragraphId}).',
      );
    return current;
  }),
);

async function writeParagraph(
  ctx: UseCaseContext,
  actorId: string,
  input: ParagraphInput,
  wording: (current: string | null) => string,
): Promise<Outcome<AlignedParagraph>> {
  const { resolution, original } = await writableVersion(ctx, actorId, input.resolutionId, input.language);
  const paragraph = original.find((p) => p.id === input.paragraphId);
  if (!paragraph) throw notFound('paragraph', 'The original has no paragraph with this id (it may have been deleted).');
  const stored = await listParagraphWordings(ctx.db, resolution.id, input.language);
  const current = stored.find((w) => w.id === paragraph.id)?.text ?? null;
  const written = confirmWording(paragraph.id, wording(current), paragraph.text);
  await storeParagraphWordings(ctx.db, { resolutionId: resolution.id, language: input.language, actorId }, [written]);
  const [aligned] = alignVersion([paragraph], [written]);
  return {
    result: aligned,
    events: [
      {
        type: 'language.changed',
        resolutionId: resolution.id,
        data: { language: input.language, paragraphId: paragraph.id },
      },
    ],
  };
}
