import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { committees, resolutions, users, type Committee, type User } from '../db/schema';
import { createCommittee, createUser, setUserPassword } from '../db/commands/committee-roster';
import { listApiTokens } from '../db/commands/token-issuer';
import * as roster from '../usecases/roster';
import * as tokens from '../usecases/tokens';
import * as account from '../usecases/account';
import { INTERFACE_LOCALES } from '../lib/i18n/locales';
import * as resolutionActs from '../usecases/resolutions';
import { OPERATOR } from '../usecases/kernel/actor';
import { execute, type UseCase } from '../usecases/kernel/use-case';
import { seedDemoOnce } from '../db/commands/demo-seeder';
import { amendmentCommands } from './amendment-commands';
import { findCommittee, listDelegations, listMembers } from '../db/queries/committees';
import { findUserByEmail } from '../db/queries/access';
import { listResolutions } from '../db/queries/resolutions';
import { loadDocState } from '../db/queries/doc-state';
import { decodeParagraphs } from '../lib/text/ydoc';
import { renderDraftText } from '../lib/resolution/plaintext';
import { importSourceText, MAX_IMPORT_BYTES } from '../lib/resolution/import-source';
import { docxReader } from '../server/docx-reader';
import { DomainError, notFound } from '../lib/errors';
import { ROLES, type Role } from '../lib/permissions';
import { procedureCommands } from './procedure-commands';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './io';
import { languageCommands } from './language-commands';
import { resolutionCommands } from './resolution-commands';
import {
  UsageError,
  helpText,
  integerBetween,
  isEmail,
  isHelpRequest,
  isPassword,
  isSlug,
  isUuid,
  oneOf,
  parseArgs,
  textOfLength,
  usageLine,
  type ParsedArgs,
} from './args';

/**
 * The CLI's commands, independent of where they run: cli/concord.ts calls runCliCommand
 * with the database it opened, and server/cli-bridge.ts calls it inside the running server
 * (which holds the PGlite folder), so both paths behave identically.
 */
export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './io';

/** The operator (whoever runs the CLI on the server's machine) performs a use case. */
const operate = <I, R>(io: CliIo, useCase: UseCase<I, R>, input: I) =>
  execute(useCase, { db: io.db, actor: OPERATOR }, input);

/** Formats the published-document exports will offer: the refusal says "not yet", not "unknown". */
const PLANNED_FORMATS: readonly string[] = ['html', 'pdf', 'docx', 'akoma-ntoso', 'akn', 'xml'];
const exportFormat = (v: string): string | null =>
  v === 'text'
    ? null
    : PLANNED_FORMATS.includes(v)
      ? `"${v}" is not supported yet; only text for now`
      : oneOf(['text'])(v);

const committeeFlag = {
  kind: 'option',
  required: true,
  placeholder: 'slug-or-id',
  description: 'committee slug or id',
  check: textOfLength(1, 200),
} as const;
const emailFlag = {
  kind: 'option',
  required: true,
  placeholder: 'e-mail',
  description: "the user's e-mail address",
  check: isEmail,
} as const;
const roleFlag = {
  kind: 'option',
  required: true,
  placeholder: ROLES.join('|'),
  description: 'role in the committee',
  check: oneOf(ROLES),
} as const;

const COMMANDS: CliCommand[] = [
  {
    spec: {
      name: 'user create',
      summary: 'Creates a user (prints the new id as the last line).',
      flags: {
        email: emailFlag,
        name: {
          kind: 'option',
          required: true,
          placeholder: 'name',
          description: 'full name',
          check: textOfLength(1, 200),
        },
        password: {
          kind: 'option',
          placeholder: 'password',
          description: 'sign-in password (8+ characters); without one the user signs in only by token or OIDC',
          check: isPassword,
        },
      },
    },
    async run(args, io) {
      const user = await createUser(io.db, {
        email: args.options.email,
        name: args.options.name,
        password: args.options.password,
      });
      io.out(`Created user ${user.email} (${user.name}).`);
      io.out(user.id);
    },
  },
  {
    spec: {
      name: 'user password',
      summary: "Sets a user's sign-in password.",
      flags: {
        email: emailFlag,
        password: {
          kind: 'option',
          required: true,
          placeholder: 'password',
          description: 'the new password (8+ characters)',
          check: isPassword,
        },
      },
    },
    async run(args, io) {
      await setUserPassword(io.db, args.options.email, args.options.password);
      io.out(`Password set for ${args.options.email.toLowerCase()}.`);
    },
  },
  {
    spec: {
      name: 'user set-locale',
      summary: 'Sets a user\'s interface language (the pages\' language; "browser" follows the browser).',
      flags: {
        email: emailFlag,
        locale: {
          kind: 'option',
          required: true,
          placeholder: [...INTERFACE_LOCALES, 'browser'].join('|'),
          description: 'the interface language',
          check: oneOf([...INTERFACE_LOCALES, 'browser']),
        },
      },
    },
    async run(args, io) {
      const user = await userNamed(io.db, args.options.email);
      const locale = args.options.locale === 'browser' ? null : args.options.locale;
      await operate(io, account.setLocale, { userId: user.id, locale });
      io.out(`Interface language for ${user.email}: ${locale ?? 'the browser’s'}.`);
    },
  },
  {
    spec: { name: 'user list', summary: 'Lists all users.', flags: {} },
    async run(_args, io) {
      const rows = await io.db.select().from(users).orderBy(asc(users.email));
      table(
        io,
        ['id', 'e-mail', 'name', 'password'],
        rows.map((u) => [u.id, u.email, u.name, u.passwordHash ? 'set' : 'none']),
      );
    },
  },
  {
    spec: {
      name: 'committee create',
      summary: 'Creates a committee (prints the new id as the last line).',
      flags: {
        slug: {
          kind: 'option',
          required: true,
          placeholder: 'slug',
          description: 'short name used in addresses, e.g. peace-security',
          check: isSlug,
        },
        name: {
          kind: 'option',
          required: true,
          placeholder: 'name',
          description: 'full name',
          check: textOfLength(2, 200),
        },
        session: {
          kind: 'option',
          placeholder: 'label',
          description: 'the adopting body as printed in headings, e.g. "122nd IPU Assembly"',
          check: textOfLength(1, 200),
        },
        place: {
          kind: 'option',
          placeholder: 'place',
          description: 'where it sits, e.g. Bangkok',
          check: textOfLength(1, 200),
        },
      },
    },
    async run(args, io) {
      const { slug, name, session, place } = args.options;
      const committee = await createCommittee(io.db, {
        slug,
        name: name.trim(),
        sessionLabel: session?.trim(),
        place: place?.trim(),
      });
      io.out(`Created committee ${committee.slug} (${committee.name}).`);
      io.out(committee.id);
    },
  },
  {
    spec: { name: 'committee list', summary: 'Lists all committees.', flags: {} },
    async run(_args, io) {
      const rows = await io.db.select().from(committees).orderBy(asc(committees.slug));
      table(
        io,
        ['id', 'slug', 'name', 'session', 'place'],
        rows.map((c) => [c.id, c.slug, c.name, c.sessionLabel, c.place]),
      );
    },
  },
  {
    spec: {
      name: 'delegation add',
      summary: 'Adds a delegation to a committee (prints the new id as the last line).',
      flags: {
        committee: committeeFlag,
        name: {
          kind: 'option',
          required: true,
          placeholder: 'name',
          description: 'e.g. "Iran (Islamic Rep. of)"',
          check: textOfLength(2, 120),
        },
        weight: {
          kind: 'option',
          placeholder: 'n',
          description: 'vote weight (default 1)',
          check: integerBetween(1, 100000),
        },
      },
    },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const weight = args.options.weight === undefined ? undefined : Number(args.options.weight);
      const { delegation } = await operate(io, roster.addDelegation, {
        committee: committee.id,
        name: args.options.name,
        voteWeight: weight,
      });
      io.out(`Added delegation ${delegation.name} (weight ${delegation.voteWeight}) to ${committee.slug}.`);
      io.out(delegation.id);
    },
  },
  {
    spec: { name: 'delegation list', summary: "Lists a committee's delegations.", flags: { committee: committeeFlag } },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const rows = await listDelegations(io.db, committee.id);
      table(
        io,
        ['id', 'name', 'weight'],
        rows.map((d) => [d.id, d.name, String(d.voteWeight)]),
      );
    },
  },
  {
    spec: {
      name: 'member add',
      summary: 'Gives an existing user a role in a committee (members need a delegation).',
      flags: {
        committee: committeeFlag,
        email: emailFlag,
        role: roleFlag,
        delegation: {
          kind: 'option',
          placeholder: 'name-or-id',
          description: 'the delegation they sit in (required for role member)',
          check: textOfLength(1, 120),
        },
      },
    },
    validate: (args) =>
      args.options.role === 'member' && args.options.delegation === undefined
        ? '--delegation is required for the role member (the delegation they vote for)'
        : null,
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const user = await userNamed(io.db, args.options.email);
      const delegationId = await delegationNamed(io.db, committee, args.options.delegation);
      const role = args.options.role as Role;
      await operate(io, roster.addMember, { committee: committee.id, email: user.email, role, delegationId });
      io.out(
        `${user.email} is now ${role} in ${committee.slug}${await delegationSuffix(io.db, committee, delegationId)}.`,
      );
    },
  },
  {
    spec: {
      name: 'member list',
      summary: "Lists a committee's members, roles and delegations.",
      flags: { committee: committeeFlag },
    },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const rows = await listMembers(io.db, committee.id);
      table(
        io,
        ['e-mail', 'name', 'role', 'delegation'],
        rows.map((m) => [m.email, m.name, m.role, m.delegationName ?? '']),
      );
    },
  },
  {
    spec: {
      name: 'member role',
      summary: "Changes a member's role (and delegation; without --delegation the current one is kept).",
      flags: {
        committee: committeeFlag,
        email: emailFlag,
        role: roleFlag,
        delegation: {
          kind: 'option',
          placeholder: 'name-or-id',
          description: 'the delegation they sit in',
          check: textOfLength(1, 120),
        },
      },
    },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const user = await userNamed(io.db, args.options.email);
      const current = (await listMembers(io.db, committee.id)).find((m) => m.userId === user.id);
      if (!current)
        throw notFound('membership', `${user.email} is not in ${committee.slug}; use "concord member add".`);
      const delegationId =
        args.options.delegation === undefined
          ? current.delegationId
          : await delegationNamed(io.db, committee, args.options.delegation);
      const role = args.options.role as Role;
      // Open editors of this user lose (or gain) write access now ("member.changed").
      await operate(io, roster.changeMember, { committee: committee.id, userId: user.id, role, delegationId });
      io.out(
        `${user.email} is now ${role} in ${committee.slug}${await delegationSuffix(io.db, committee, delegationId)}.`,
      );
    },
  },
  {
    spec: {
      name: 'member remove',
      summary: 'Removes a user from a committee.',
      flags: { committee: committeeFlag, email: emailFlag },
    },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const user = await userNamed(io.db, args.options.email);
      await operate(io, roster.removeMember, { committee: committee.id, userId: user.id });
      io.out(`Removed ${user.email} from ${committee.slug}.`);
    },
  },
  {
    spec: {
      name: 'token create',
      summary: 'Issues a personal API token for scripts (printed once, as the last line).',
      flags: {
        email: emailFlag,
        name: {
          kind: 'option',
          placeholder: 'name',
          description: 'what the token is for (default "cli")',
          check: textOfLength(1, 100),
        },
      },
      notes: [
        'Use it as "Authorization: Bearer <token>" on /api/v1. Concord keeps only its hash: it cannot be shown again.',
      ],
    },
    async run(args, io) {
      const user = await userNamed(io.db, args.options.email);
      const issued = await operate(io, tokens.issueToken, {
        userId: user.id,
        name: args.options.name?.trim() || 'cli',
      });
      io.out(`Token "${issued.name}" for ${user.email} (id ${issued.id}). It is shown only now; store it safely:`);
      io.out(issued.token);
    },
  },
  {
    spec: {
      name: 'token list',
      summary: "Lists a user's API tokens (never the tokens themselves).",
      flags: { email: emailFlag },
    },
    async run(args, io) {
      const user = await userNamed(io.db, args.options.email);
      const rows = await listApiTokens(io.db, user.id);
      table(
        io,
        ['id', 'name', 'starts with', 'created', 'last used', 'revoked'],
        rows.map((t) => [t.id, t.name, t.prefix, stamp(t.createdAt), stamp(t.lastUsedAt), stamp(t.revokedAt)]),
      );
    },
  },
  {
    spec: {
      name: 'token revoke',
      summary: "Revokes one of a user's API tokens.",
      flags: {
        email: emailFlag,
        id: {
          kind: 'option',
          required: true,
          placeholder: 'token id',
          description: 'the id shown by "concord token list"',
          check: isUuid,
        },
      },
    },
    async run(args, io) {
      const user = await userNamed(io.db, args.options.email);
      await operate(io, tokens.revokeToken, { userId: user.id, tokenId: args.options.id }).catch((e: unknown) => {
        throw e instanceof DomainError
          ? notFound('token', `${user.email} has no active token with the id ${args.options.id}.`)
          : e;
      });
      io.out(`Revoked token ${args.options.id}.`);
    },
  },
  {
    spec: {
      name: 'import',
      summary: `Imports a resolution from a .txt or .docx file (up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB) as a draft; prints its id as the last line.`,
      positionals: [
        {
          name: 'file',
          description: 'the text (.txt, UTF-8) or Word document (.docx)',
          check: (v) => (/\.(txt|docx)$/i.test(v) ? null : `"${v}" must be a .txt or .docx file`),
        },
      ],
      flags: {
        committee: committeeFlag,
        title: {
          kind: 'option',
          placeholder: 'title',
          description: "title (default: the text's title line, UN or PACE title, or symbol)",
          check: textOfLength(1, 300),
        },
        'as-adopted': {
          kind: 'switch',
          description: 'record the adoption, the statements and the footnotes as printed (archiving an adopted text)',
        },
        'create-delegations': {
          kind: 'switch',
          description:
            'with --as-adopted: create the delegations the footnotes name that the committee lacks (refused otherwise)',
        },
      },
      notes: ['A text that cannot be read as a resolution is refused with the line of each problem; nothing is saved.'],
    },
    files: (args) => [args.positionals[0]],
    async run(args, io) {
      const file = args.positionals[0];
      const committee = await committeeNamed(io.db, args.options.committee);
      const bytes = readNamedFile(io, file);
      const text = await importSourceText(
        { file: { name: path.basename(file), contentBase64: Buffer.from(bytes).toString('base64') } },
        docxReader(),
      );
      const { resolution, parsed, warnings } = await operate(io, resolutionActs.createResolution, {
        committee: committee.id,
        text,
        title: args.options.title,
        asAdopted: args.switches.has('as-adopted'),
        createDelegations: args.switches.has('create-delegations'),
      });
      for (const w of warnings) io.err(`warning: line ${w.line}: ${w.message}`);
      const count = (kind: string) => (parsed?.paragraphs ?? []).filter((p) => p.kind === kind).length;
      io.out(
        `Imported "${resolution.title}" into ${committee.slug} at the ${resolution.stage} stage: ` +
          `${count('preambular')} preambular, ${count('operative')} operative, ${count('subparagraph')} sub-paragraphs` +
          (count('subsubparagraph') ? `, ${count('subsubparagraph')} sub-sub-paragraphs.` : '.'),
      );
      io.out(resolution.id);
    },
  },
  {
    spec: {
      name: 'export',
      summary: "Writes a resolution's current text to stdout.",
      positionals: [
        { name: 'resolution id', description: 'as printed by import or "concord resolution list"', check: isUuid },
      ],
      flags: {
        format: {
          kind: 'option',
          placeholder: 'text',
          description: 'output format (default text; only text for now)',
          check: exportFormat,
        },
      },
    },
    async run(args, io) {
      const [resolution] = await io.db.select().from(resolutions).where(eq(resolutions.id, args.positionals[0]));
      if (!resolution) throw notFound('resolution', `No resolution with the id ${args.positionals[0]}.`);
      const paragraphs = decodeParagraphs((await loadDocState(io.db, resolution.id)).update);
      // The draft layout: formula and paragraphs. The published document (heading with the
      // adoption, footnoted reservations) is lib/publication's, for the published exports.
      const text = renderDraftText({
        heading: null,
        enactingFormula: resolution.enactingFormula,
        paragraphs,
        subparagraphNumbering: resolution.subparagraphNumbering,
      });
      for (const line of text.replace(/\n$/, '').split('\n')) io.out(line);
    },
  },
  {
    spec: {
      name: 'resolution list',
      summary: "Lists a committee's resolutions, most recently changed first.",
      flags: { committee: committeeFlag },
    },
    async run(args, io) {
      const committee = await committeeNamed(io.db, args.options.committee);
      const rows = await listResolutions(io.db, committee.id);
      table(
        io,
        ['id', 'stage', 'updated', 'title'],
        rows.map((r) => [r.id, r.stage, stamp(r.updatedAt), r.title]),
      );
    },
  },
  {
    spec: {
      name: 'demo seed',
      summary: 'Seeds the demo committees, accounts and draft (once per database).',
      flags: {},
    },
    async run(_args, io) {
      io.out((await seedDemoOnce(io.db)) ? 'Demo data seeded.' : 'Demo data was seeded before; nothing changed.');
    },
  },
  ...procedureCommands,
  // The amendment procedure (issue 4), acting as a named member.
  ...amendmentCommands,
  // Language versions (issue 16), acting as a named member.
  ...languageCommands,
  // Stage and recovery, acting as a named member.
  ...resolutionCommands,
];

function overview(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'usage: concord <command> [flags]   (concord <command> --help for its flags)',
    '',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    'Global: --verbose prints where the command ran (running server, data folder or PostgreSQL).',
  ];
}

/** Parses and cross-checks a command's arguments; throws UsageError (exit 2). */
function argumentsFor(command: CliCommand, rest: readonly string[]): ParsedArgs {
  const args = parseArgs(rest, command.spec);
  const problem = command.validate?.(args) ?? null;
  if (problem) throw new UsageError(problem, `usage: ${usageLine(command.spec)}`);
  return args;
}

type Resolved = { command: CliCommand; rest: string[] } | { done: number; out: string[]; err: string[] };

/** Finds the command ("member role" or "import") without touching the database. */
function resolveCommand(argv: readonly string[]): Resolved {
  const words = argv.slice(0, 2).filter((a) => !a.startsWith('-'));
  const command =
    COMMANDS.find((c) => words.length === 2 && c.spec.name === `${words[0]} ${words[1]}`) ??
    COMMANDS.find((c) => c.spec.name === words[0]);
  if (command) {
    const rest = argv.slice(command.spec.name.split(' ').length);
    if (isHelpRequest(rest)) return { done: EXIT_OK, out: helpText(command.spec), err: [] };
    return { command, rest };
  }
  const group = COMMANDS.filter((c) => c.spec.name.startsWith(`${words[0]} `));
  if (group.length) {
    const width = Math.max(...group.map((c) => c.spec.name.length));
    const list = group.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`);
    if (isHelpRequest(argv))
      return {
        done: EXIT_OK,
        out: [`usage: concord ${words[0]} <${group.map((c) => c.spec.name.split(' ')[1]).join('|')}> …`, '', ...list],
        err: [],
      };
    const what = words[1] ? `unknown command "${words[0]} ${words[1]}"` : `"${words[0]}" needs a sub-command`;
    return { done: EXIT_USAGE, out: [], err: [`error: ${what}`, ...list] };
  }
  if (argv.length === 0) return { done: EXIT_USAGE, out: [], err: overview() };
  if (isHelpRequest(argv) && words.length === 0) return { done: EXIT_OK, out: overview(), err: [] };
  return {
    done: EXIT_USAGE,
    out: [],
    err: [
      `error: unknown command "${words[0] ?? argv[0]}"`,
      'usage: concord <command> [flags]   (concord --help lists the commands)',
    ],
  };
}

export type CliPlan = { kind: 'run'; files: string[] } | { kind: 'done'; code: number; out: string[]; err: string[] };

/**
 * What the command line asks for, decided without a database: help and bad arguments are
 * answered here, so they never take the data-folder lock or contact the server; a runnable
 * command names the local files it will read (sent along when it runs in the server).
 */
export function planCliCommand(argv: readonly string[]): CliPlan {
  const resolved = resolveCommand(argv);
  if ('done' in resolved) return { kind: 'done', code: resolved.done, out: resolved.out, err: resolved.err };
  try {
    const args = argumentsFor(resolved.command, resolved.rest);
    return { kind: 'run', files: resolved.command.files?.(args) ?? [] };
  } catch (e) {
    if (e instanceof UsageError)
      return { kind: 'done', code: EXIT_USAGE, out: [], err: [`error: ${e.message}`, e.usage] };
    throw e;
  }
}

export async function runCliCommand(argv: string[], io: CliIo): Promise<number> {
  const resolved = resolveCommand(argv);
  if ('done' in resolved) {
    for (const l of resolved.out) io.out(l);
    for (const l of resolved.err) io.err(l);
    return resolved.done;
  }
  try {
    const args = argumentsFor(resolved.command, resolved.rest);
    await resolved.command.run(args, io);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}`);
    io.err(e.usage);
    return EXIT_USAGE;
  }
  if (e instanceof DomainError) {
    io.err(`error: ${e.message}`);
    // Import problems carry their line: "line 12: …", as the brief for editors promises.
    for (const issue of e.issues ?? [])
      io.err(issue.line ? `line ${issue.line}: ${issue.message}` : `${issue.path}: ${issue.message}`);
    return EXIT_FAILED;
  }
  io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
  return EXIT_FAILED;
}

// ---- lookups that turn command-line names into rows, with messages that say what to do ----

async function committeeNamed(db: Db, idOrSlug: string): Promise<Committee> {
  const committee = await findCommittee(db, idOrSlug.trim());
  if (!committee)
    throw notFound(
      'committee',
      `No committee "${idOrSlug}" (give its slug or id; "concord committee list" shows them).`,
    );
  return committee;
}

async function userNamed(db: Db, email: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (!user)
    throw notFound('user', `No user with the e-mail ${email.toLowerCase()} (create one with "concord user create").`);
  return user;
}

/** A delegation of this committee by id or by name (exact, then ignoring case). */
async function delegationNamed(db: Db, committee: Committee, nameOrId: string | undefined): Promise<string | null> {
  if (nameOrId === undefined) return null;
  const wanted = nameOrId.trim();
  const all = await listDelegations(db, committee.id);
  const found =
    all.find((d) => d.id === wanted || d.name === wanted) ??
    all.find((d) => d.name.toLowerCase() === wanted.toLowerCase());
  if (!found)
    throw notFound(
      'delegation',
      `No delegation "${wanted}" in ${committee.slug} ("concord delegation list --committee ${committee.slug}" shows them).`,
    );
  return found.id;
}

async function delegationSuffix(db: Db, committee: Committee, delegationId: string | null): Promise<string> {
  if (!delegationId) return '';
  const d = (await listDelegations(db, committee.id)).find((x) => x.id === delegationId);
  return d ? ` for ${d.name}` : '';
}

function readNamedFile(io: CliIo, file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    throw new DomainError('not_found:file', `Cannot read ${file}: ${reason}.`);
  }
  return bytes;
}

// ---- output ----

function stamp(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '';
}

/** Aligned columns for people; tabs would be easier for scripts but ids already are. */
function table(io: CliIo, headers: string[], rows: string[][]): void {
  if (rows.length === 0) {
    io.out('(none)');
    return;
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  io.out(line(headers));
  for (const r of rows) io.out(line(r));
}
