import { confirmParagraph } from '@/usecases/languages/translate-paragraph';
import { endpoint } from '../../../../../../../_lib/endpoint';
import { act } from '../../../../../../../_lib/act';
import { languageParagraphParams } from '../../../../../../../languages/schema';
import { presentTranslatedParagraph } from '@/usecases/reads/languages';

export const POST = endpoint({ params: languageParagraphParams }, async ({ db, user, params }) =>
  presentTranslatedParagraph(
    await act(
      confirmParagraph,
      { db, user },
      { resolutionId: params.id, language: params.language, paragraphId: params.paragraphId },
    ),
  ),
);
