import { eq } from 'drizzle-orm';
import { resolutions } from '../db/schema';
import { exportAuditChain, listAuditEvents, verifyAuditChain } from '../db/queries/audit';
import { akomaNtosoMetadataOf, publishedDocumentOf } from '../db/queries/publication';
import { publishedDocumentIn } from '../db/queries/publication-languages';
import { getLanguageVersion } from '../db/queries/languages';
import { normaliseLanguageCode } from '../lib/languages/codes';
import { renderPublishedText } from '../lib/publication/plain-text';
import { renderPublishedHtml } from '../lib/publication/html';
import { renderAkomaNtoso } from '../lib/publication/akoma-ntoso';
import { DomainError, notFound } from '../lib/errors';
import { isUuid, oneOf } from './args';
import type { CliCommand, CliIo } from './io';

/**
 * The procedural record from a shell: verify the audit chain (a cron job can alert on a
 * non-zero exit), read a resolution's record, and print its published text.
 */

const resolutionArg = {
  name: 'resolution id',
  description: 'as printed by import or "concord resolution list"',
  check: isUuid,
};
const PUBLISHED_FORMATS = ['text', 'html', 'akn'] as const;

const print = (io: CliIo, text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .forEach((l) => {
      io.out(l);
    });

export const procedureCommands: CliCommand[] = [
  {
    spec: {
      name: 'audit verify',
      summary:
        'Verifies the keyed hash chain (HMAC-SHA256) of the audit log; exits 1 and names the first broken entry if it was tampered with.',
      flags: {},
      notes: [
        'The key is CONCORD_AUDIT_KEY, or audit.key in the data folder: run it where the server runs.',
        'The chain cannot show that its LAST entries were removed: compare the count and head printed with ones kept elsewhere.',
      ],
    },
    async run(_args, io) {
      const verdict = await verifyAuditChain(io.db);
      if (!verdict.ok)
        throw new DomainError(
          'conflict:audit',
          `The audit chain is broken at entry ${verdict.brokenAtSeq}: ${verdict.reason}.`,
        );
      io.out(`The audit chain is intact: ${verdict.count} entr${verdict.count === 1 ? 'y' : 'ies'} verified.`);
    },
  },
  {
    spec: {
      name: 'audit export',
      summary: 'Prints the whole audit chain as JSON, for a party outside Concord to check with the key.',
      flags: {},
      notes: ['The algorithm is in the export itself and in README.md, "Security".'],
    },
    async run(_args, io) {
      print(io, JSON.stringify(await exportAuditChain(io.db), null, 2));
    },
  },
  {
    spec: {
      name: 'audit log',
      summary: "Prints a resolution's procedural record, oldest first.",
      positionals: [resolutionArg],
      flags: {},
    },
    async run(args, io) {
      const events = await listAuditEvents(io.db, args.positionals[0]);
      if (events.length === 0) io.out('(none)');
      for (const e of events)
        io.out(`${e.seq}\t${e.at.toISOString()}\t${e.action}\t${e.actor ?? 'system'}\t${JSON.stringify(e.details)}`);
    },
  },
  {
    spec: {
      name: 'published export',
      summary: 'Prints the published text of an adopted resolution (heading, text, reservation footnotes).',
      positionals: [resolutionArg],
      flags: {
        format: {
          kind: 'option',
          placeholder: PUBLISHED_FORMATS.join('|'),
          description: 'text (default), html or akn (Akoma Ntoso XML)',
          check: oneOf(PUBLISHED_FORMATS),
        },
        lang: {
          kind: 'option',
          placeholder: 'language',
          description: 'a language version (fr …): its own heading and footnotes',
          check: (v) => (normaliseLanguageCode(v) ? null : `"${v}" is not a language code such as fr`),
        },
      },
      notes: ['PDF and DOCX: GET /api/v1/resolutions/{id}/export?format=pdf|docx.'],
    },
    async run(args, io) {
      const [resolution] = await io.db.select().from(resolutions).where(eq(resolutions.id, args.positionals[0]));
      if (!resolution) throw notFound('resolution', `No resolution with the id ${args.positionals[0]}.`);
      const lang = args.options.lang ? normaliseLanguageCode(args.options.lang) : null;
      const doc =
        lang && lang !== resolution.language
          ? await publishedDocumentIn(io.db, resolution, await getLanguageVersion(io.db, resolution.id, lang))
          : await publishedDocumentOf(io.db, resolution);
      const format = args.options.format ?? 'text';
      if (format === 'html') print(io, renderPublishedHtml(doc));
      else if (format === 'akn') print(io, renderAkomaNtoso(doc, await akomaNtosoMetadataOf(io.db, resolution, doc)));
      else print(io, renderPublishedText(doc));
    },
  },
];
