import type { Db } from '../db/client';
import { findUserByEmail } from '../db/queries/access';
import { currentParagraphs } from '../server/resolution-text';
import { userActor } from '../usecases/kernel/actor';
import { textStoreFor } from '../usecases/kernel/runtime';
import { execute, type UseCase, type UseCaseContext } from '../usecases/kernel/use-case';
import { addLanguage } from '../usecases/languages/add-language';
import { importTranslation } from '../usecases/languages/import-translation';
import { listVersionSummaries, readVersionText } from '../usecases/languages/language-text';
import { confirmParagraph, translateParagraph } from '../usecases/languages/translate-paragraph';
import { describeCounts } from '../lib/languages/alignment';
import { normaliseLanguageCode } from '../lib/languages/codes';
import { renderRedlineText } from '../lib/amendments/redline';
import { DomainError, notFound } from '../lib/errors';
import { textOfLength, type ParsedArgs, asFlag, resolutionFlag } from './args';
import type { CliCommand, CliIo } from './io';

/**
 * Language versions from the command line (issue 16): add a version, see what needs
 * translation, write or confirm a paragraph, import a translated text file matched by
 * paragraph numbers. Every command acts as a named committee member (--as) through the
 * same acts as the API, so a translator here may do exactly what they may do there.
 */

const languageArg = {
  name: 'language',
  description: 'a language code: fr, es, ar, zh, ru …',
  check: (v: string) => (normaliseLanguageCode(v) ? null : `"${v}" is not a language code such as fr or ar`),
};
const paragraphArg = { name: 'paragraph', description: 'its label ("OP 8", "PP 3", "8 (b)") or stable id' };

const STATUS_WORDS = { up_to_date: 'up to date', needs_translation: 'needs translation', missing: 'missing' } as const;

function context(db: Db): UseCaseContext {
  return { db, text: textStoreFor(db) };
}

async function actorId(db: Db, email: string): Promise<string> {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound('user', `No user with the e-mail ${email.toLowerCase()}.`);
  return user.id;
}

/** Runs a language act as the member named by --as; its events reach the subscribers (rooms, pages). */
async function run<I, R>(io: CliIo, email: string, useCase: UseCase<I, R>, input: I): Promise<R> {
  return execute(useCase, { db: io.db, actor: userActor(await actorId(io.db, email)) }, input);
}

/** A paragraph by stable id or current label. */
async function paragraphNamed(db: Db, resolutionId: string, ref: string): Promise<string> {
  const paragraphs = await currentParagraphs(db, resolutionId);
  const found =
    paragraphs.find((p) => p.id === ref) ?? paragraphs.find((p) => p.label.toLowerCase() === ref.trim().toLowerCase());
  if (!found) throw notFound('paragraph', `No paragraph "${ref}" in the original (give a label such as "OP 8").`);
  return found.id;
}

const language = (args: ParsedArgs) => normaliseLanguageCode(args.positionals[0]) ?? args.positionals[0];

function readText(io: CliIo, file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('not_found:file', `Cannot read ${file}: ${(e as Error).message}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('bad_request:file', `${file} is not UTF-8 text: save the translation as plain text (UTF-8).`);
  }
}

export const languageCommands: CliCommand[] = [
  {
    spec: {
      name: 'language add',
      summary: 'Adds a language version of a resolution (chair or secretariat); every paragraph starts missing.',
      positionals: [languageArg],
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        official: { kind: 'switch', description: 'must be complete and up to date before publication' },
        body: {
          kind: 'option',
          placeholder: 'name',
          description: 'the adopting body as this language prints it: "122e Assemblée de l’UIP"',
          check: textOfLength(1, 200),
        },
        formula: {
          kind: 'option',
          placeholder: 'text',
          description: 'the enacting formula in this language',
          check: textOfLength(1, 1000),
        },
      },
    },
    async run(args, io) {
      const version = await run(io, args.options.as, addLanguage, {
        resolutionId: args.options.resolution,
        language: language(args),
        official: args.switches.has('official'),
        sessionLabel: args.options.body,
        enactingFormula: args.options.formula,
      });
      io.out(`Added the ${version.official ? 'official ' : ''}"${version.language}" version.`);
    },
  },
  {
    spec: {
      name: 'language status',
      summary:
        'Without a language: each version with its counts. With one: every paragraph with its status and, where the original changed, the change ([-removed-] [+added+]).',
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        language: {
          kind: 'option',
          placeholder: 'language',
          description: 'one version, paragraph by paragraph',
          check: languageArg.check,
        },
        'needs-translation': {
          kind: 'switch',
          description: 'only the paragraphs that are missing or need translation',
        },
      },
    },
    async run(args, io) {
      const userId = await actorId(io.db, args.options.as);
      if (!args.options.language) {
        const { original, versions } = await listVersionSummaries(context(io.db), userId, {
          resolutionId: args.options.resolution,
        });
        io.out(`original: ${original}`);
        if (versions.length === 0) io.out('(no language versions)');
        for (const v of versions) io.out(`${describeCounts(v.language, v.counts)}${v.official ? ' (official)' : ''}`);
        return;
      }
      const version = await readVersionText(context(io.db), userId, {
        resolutionId: args.options.resolution,
        language: normaliseLanguageCode(args.options.language) ?? args.options.language,
      });
      io.out(describeCounts(version.language, version.counts));
      for (const p of version.paragraphs) {
        if (args.switches.has('needs-translation') && p.status === 'up_to_date') continue;
        io.out(`${p.label}\t${STATUS_WORDS[p.status]}\t${p.translation}`);
        if (p.originalChange) io.out(`\toriginal changed: ${renderRedlineText(p.originalChange)}`);
      }
    },
  },
  {
    spec: {
      name: 'language set',
      summary:
        "Writes one paragraph's wording in a version (secretariat or translator): up to date until the original changes.",
      positionals: [languageArg, paragraphArg],
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        text: {
          kind: 'option',
          required: true,
          placeholder: 'wording',
          description: 'the wording',
          check: textOfLength(0, 20_000),
        },
      },
    },
    async run(args, io) {
      const resolutionId = args.options.resolution;
      const p = await run(io, args.options.as, translateParagraph, {
        resolutionId,
        language: language(args),
        paragraphId: await paragraphNamed(io.db, resolutionId, args.positionals[1]),
        text: args.options.text,
      });
      io.out(`${p.label}: ${STATUS_WORDS[p.status]}.`);
    },
  },
  {
    spec: {
      name: 'language confirm',
      summary:
        "Confirms a paragraph's wording as up to date without changing it (the original's change does not affect it).",
      positionals: [languageArg, paragraphArg],
      flags: { resolution: resolutionFlag, as: asFlag },
    },
    async run(args, io) {
      const resolutionId = args.options.resolution;
      const p = await run(io, args.options.as, confirmParagraph, {
        resolutionId,
        language: language(args),
        paragraphId: await paragraphNamed(io.db, resolutionId, args.positionals[1]),
      });
      io.out(`${p.label}: ${STATUS_WORDS[p.status]}.`);
    },
  },
  {
    spec: {
      name: 'language import',
      summary:
        'Imports a translated text file (UTF-8) as a version, matched to the original by paragraph numbers; a number the original lacks refuses the whole file.',
      positionals: [languageArg, { name: 'file', description: 'the translated text' }],
      flags: { resolution: resolutionFlag, as: asFlag },
      notes: [
        'Operative paragraphs start with their number ("8."), sub-paragraphs with "(a)" or "a)"; the unnumbered blocks above operative paragraph 1 are the preambular paragraphs, the heading and formula above them are skipped.',
      ],
    },
    files: (args) => [args.positionals[1]],
    async run(args, io) {
      const match = await run(io, args.options.as, importTranslation, {
        resolutionId: args.options.resolution,
        language: language(args),
        text: readText(io, args.positionals[1]),
      });
      io.out(`Imported ${match.paragraphs.length} paragraph${match.paragraphs.length === 1 ? '' : 's'}.`);
      for (const s of match.skipped) io.out(`skipped line ${s.line}: ${s.text.slice(0, 80)}`);
      if (match.untranslated.length) io.out(`not in the file: ${match.untranslated.join(', ')}`);
    },
  },
];
