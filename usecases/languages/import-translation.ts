import { storeParagraphWordings } from '../../db/commands/language-versions';
import { DomainError } from '../../lib/errors';
import { confirmWording } from '../../lib/languages/alignment';
import { matchTranslatedText, type TranslatedTextMatch } from '../../lib/languages/translated-text';
import { defineUseCase, userIdOf, type Outcome } from '../kernel/use-case';
import { writableVersion } from './context';

/**
 * A translated text file imported as a language version, matched to the original by
 * paragraph numbers (lib/languages/translated-text.ts). A file with a number the original
 * does not have is refused whole, with the lines: storing half of it would hide the error.
 */
export const importTranslation = defineUseCase(
  'language.import',
  async (
    ctx,
    actor,
    input: { resolutionId: string; language: string; text: string },
  ): Promise<Outcome<TranslatedTextMatch>> => {
    const actorId = userIdOf(actor);
    const { resolution, original } = await writableVersion(ctx, actorId, input.resolutionId, input.language);
    const match = matchTranslatedText(input.text, original);
    if (match.errors.length > 0) {
      throw new DomainError(
        'unprocessable:translation',
        `The file does not match the original's paragraphs: ${match.errors
          .slice(0, 3)
          .map((e) => `line ${e.line}: ${e.message}`)
          .join('; ')}`,
        match.errors.map((e) => ({ path: 'text', line: e.line, message: e.message })),
      );
    }
    const byId = new Map(original.map((p) => [p.id, p]));
    await storeParagraphWordings(
      ctx.db,
      { resolutionId: resolution.id, language: input.language, actorId },
      match.paragraphs.map((t) => confirmWording(t.paragraphId, t.text, byId.get(t.paragraphId)?.text ?? '')),
    );
    return {
      result: match,
      events: [{ type: 'language.changed' as const, resolutionId: resolution.id, data: { language: input.language } }],
    };
  },
);
