import { resolutionForUser } from '@/db/queries/resolutions';
import { akomaNtosoMetadataOf, publishedDocumentOf, resolutionIsAdopted } from '@/db/queries/publication';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { renderDraftText } from '@/lib/resolution/plaintext';
import { renderPublishedText } from '@/lib/publication/plain-text';
import { renderPublishedHtml } from '@/lib/publication/html';
import { renderPublishedPdf } from '@/lib/publication/pdf';
import { renderPublishedDocx } from '@/lib/publication/docx';
import { renderAkomaNtoso } from '@/lib/publication/akoma-ntoso';
import { conflict } from '@/lib/errors';
import { getLanguageVersion, listParagraphWordings } from '@/db/queries/languages';
import { publishedDocumentIn } from '@/db/queries/publication-languages';
import { endpoint } from '../../../_lib/endpoint';
import { exportQuery, resolutionParams } from '../../schema';

const TYPES = {
  text: ['text/plain; charset=utf-8', 'txt'],
  html: ['text/html; charset=utf-8', 'html'],
  pdf: ['application/pdf', 'pdf'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  akn: ['application/akn+xml; charset=utf-8', 'akn.xml'],
} as const;

/**
 * A draft exports as plain text (formula and paragraphs). Once adopted, every format is the
 * published document — heading with the adoption, the adopted text, reservation footnotes —
 * built once by lib/publication, so the formats cannot disagree.
 */
export const GET = endpoint({ params: resolutionParams, query: exportQuery }, async ({ db, user, params, query }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  // A language version (?lang=fr): the same paragraphs and numbers, in its words.
  const version =
    query.lang && query.lang !== resolution.language ? await getLanguageVersion(db, resolution.id, query.lang) : null;
  const suffix = version ? `.${version.language}` : '';
  const [type, extension] = TYPES[query.format];
  const file = (body: string | Uint8Array) =>
    new Response(body as BodyInit, {
      headers: {
        'content-type': type,
        'content-disposition': `${query.format === 'text' || query.format === 'html' ? 'inline' : 'attachment'}; filename="resolution-${resolution.id}${suffix}.${extension}"`,
      },
    });
  if (!resolutionIsAdopted(resolution)) {
    if (query.format !== 'text') {
      throw conflict(
        'stage',
        `The ${query.format} export is the published text, which exists once the resolution is adopted; a draft exports as text.`,
      );
    }
    let paragraphs = await currentParagraphs(db, resolution.id);
    if (version) {
      // Untranslated paragraphs keep the original's words, so the numbers still match.
      const words = new Map(
        (await listParagraphWordings(db, resolution.id, version.language)).map((w) => [w.id, w.text]),
      );
      paragraphs = paragraphs.map((p) => ({
        ...p,
        runs: undefined,
        text: words.get(p.id)?.trim() ? (words.get(p.id) ?? '') : p.text,
      }));
    }
    return file(
      renderDraftText({
        heading: null,
        enactingFormula: version ? version.enactingFormula : resolution.enactingFormula,
        paragraphs,
        subparagraphNumbering: resolution.subparagraphNumbering,
      }),
    );
  }
  const doc = version ? await publishedDocumentIn(db, resolution, version) : await publishedDocumentOf(db, resolution);
  switch (query.format) {
    case 'text':
      return file(renderPublishedText(doc));
    case 'html':
      return file(renderPublishedHtml(doc));
    case 'pdf':
      return file(await renderPublishedPdf(doc));
    case 'docx':
      return file(await renderPublishedDocx(doc));
    case 'akn':
      return file(renderAkomaNtoso(doc, await akomaNtosoMetadataOf(db, resolution, doc)));
  }
});
