import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { resolutions } from '../db/schema';
import { findUserByEmail, resolutionAccess } from '../db/queries/access';
import { delegationNames, findAmendment, listAmendments, type StoredAmendment } from '../db/queries/amendments';
import { compileAmendments, votingOrder } from '../lib/amendments/compilation';
import { renderRedlineText } from '../lib/amendments/redline';
import { DomainError, notFound } from '../lib/errors';
import * as amendments from '../usecases/amendments';
import { canSeeDraft } from '../usecases/amendments/access';
import { userActor } from '../usecases/kernel/actor';
import { execute, type UseCase } from '../usecases/kernel/use-case';
import { currentParagraphs } from '../usecases/reads/resolution-text';
import { amendmentTranslationsIn } from '../usecases/reads/amendments';
import { getLanguageVersion } from '../db/queries/languages';
import { normaliseLanguageCode } from '../lib/languages/codes';
import { isUuid, oneOf, textOfLength, type CommandSpec, type ParsedArgs, asFlag, resolutionFlag } from './args';
import type { CliIo } from './io';

/**
 * The amendment procedure from the command line. Every command acts as a named committee
 * member (--as) through the same use cases as the API (usecases/amendments): the CLI is a
 * way in for scripts and secretariats, not a way around the rules of procedure.
 */
export interface AmendmentCliCommand {
  spec: CommandSpec;
  validate?(args: ParsedArgs): string | null;
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}

const amendmentArg = [
  {
    name: 'amendment',
    description: 'its number (A/3) or id',
    check: (v: string) => (/^A\/\d+$/i.test(v) || !isUuid(v) ? null : `"${v}" is neither a number like A/3 nor an id`),
  },
];

/** The resolution as the acting member sees it (404 when it is not theirs), and how they act in it. */
async function acting(db: Db, email: string, resolutionId: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound('user', `No user with the e-mail ${email.toLowerCase()}.`);
  const access = await resolutionAccess(db, user.id, resolutionId);
  if (!access) throw notFound('resolution', `No resolution ${resolutionId} in a committee of ${user.email}.`);
  const [resolution] = await db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
  const perform = <I, R>(useCase: UseCase<I, R>, input: I) =>
    execute(useCase, { db, actor: userActor(user.id) }, input);
  return { user, access, resolution, perform, scope: { committeeId: resolution.committeeId, resolutionId } };
}

async function amendmentNamed(db: Db, resolutionId: string, ref: string): Promise<StoredAmendment> {
  if (!/^A\/\d+$/i.test(ref)) {
    const found = await findAmendment(db, ref);
    if (found.resolutionId !== resolutionId)
      throw notFound('amendment', `Amendment ${ref} is not an amendment of resolution ${resolutionId}.`);
    return found;
  }
  const found = (await listAmendments(db, resolutionId)).find((a) => a.number === ref.toUpperCase());
  if (!found)
    throw notFound(
      'amendment',
      `No amendment ${ref.toUpperCase()} in resolution ${resolutionId} ("concord amendment list" shows them).`,
    );
  return found;
}

/** A paragraph by stable id or by its current label ("OP 8", "PP 3", "8 (b)"). */
async function paragraphNamed(db: Db, resolutionId: string, ref: string): Promise<string> {
  const paragraphs = await currentParagraphs(db, resolutionId);
  const found =
    paragraphs.find((p) => p.id === ref) ?? paragraphs.find((p) => p.label.toLowerCase() === ref.trim().toLowerCase());
  if (!found)
    throw new DomainError(
      'conflict:paragraph_deleted',
      `No paragraph "${ref}" in the current text (give a label such as "OP 8" or a paragraph id); a deleted paragraph cannot be amended.`,
    );
  return found.id;
}

export const amendmentCommands: AmendmentCliCommand[] = [
  {
    spec: {
      name: 'amendment list',
      summary: "Lists a resolution's amendments in voting order, with their redlines ([-removed-] [+added+]).",
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        status: {
          kind: 'option',
          placeholder: 'status',
          description: 'only this status',
          check: oneOf(['draft', 'tabled', 'withdrawn', 'inadmissible', 'adopted', 'rejected', 'fallen']),
        },
        lang: {
          kind: 'option',
          placeholder: 'language',
          description: 'also each amendment’s proposed text in this language version, with its status',
          check: (v: string) => (normaliseLanguageCode(v) ? null : `"${v}" is not a language code such as fr or ar`),
        },
      },
    },
    async run(args, io) {
      const { access, resolution } = await acting(io.db, args.options.as, args.options.resolution);
      const lang = args.options.lang ? normaliseLanguageCode(args.options.lang) : null;
      const language = lang && lang !== resolution.language ? lang : null;
      if (language) await getLanguageVersion(io.db, resolution.id, language);
      // The same rule as the API's: a draft is seen by its delegations and the presiding officers.
      const all = (await listAmendments(io.db, resolution.id)).filter(
        (a) => a.status !== 'draft' || canSeeDraft(access.actor, a),
      );
      const paragraphs = await currentParagraphs(io.db, resolution.id);
      const names = await delegationNames(io.db, resolution.committeeId);
      const compiled = compileAmendments(all, paragraphs, { status: args.options.status as never });
      if (compiled.length === 0) return io.out('(none)');
      const translations = language
        ? await amendmentTranslationsIn(
            io.db,
            compiled.map((c) => c.amendment),
            language,
          )
        : null;
      for (const c of compiled) {
        const a = c.amendment;
        const place = c.voting ? ` · vote #${c.voting.position}` : '';
        io.out(
          `${a.number ?? 'draft'}  ${c.paragraphLabel ?? 'deleted paragraph'}  ${names.get(a.sponsorDelegationId) ?? ''}  ${a.status}${c.stale ? ' (stale)' : ''}${place}  ${a.id}`,
        );
        io.out(`    ${renderRedlineText(c.segments)}`);
        const t = translations?.get(a.id);
        if (t) {
          io.out(`    ${t.language} (${t.status.replaceAll('_', ' ')}): ${t.proposedText}`);
          if (t.originalChange) io.out(`    changed since translated: ${t.originalChange}`);
        }
      }
    },
  },
  {
    spec: {
      name: 'amendment draft',
      summary: 'Drafts an amendment for the acting member’s delegation (prints its id as the last line).',
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        kind: {
          kind: 'option',
          required: true,
          placeholder: 'modify|insert|delete|move',
          description: 'what it does',
          check: oneOf(['modify', 'insert', 'delete', 'move']),
        },
        paragraph: {
          kind: 'option',
          required: true,
          placeholder: 'label or id',
          description: 'the paragraph amended (for insert: where the new one goes)',
          check: textOfLength(1, 100),
        },
        text: {
          kind: 'option',
          placeholder: 'text',
          description: 'modify: the paragraph as amended; insert: the new paragraph',
          check: textOfLength(1, 20000),
        },
        position: {
          kind: 'option',
          placeholder: 'before|after',
          description: 'insert, move: before or after --paragraph / --anchor',
          check: oneOf(['before', 'after']),
        },
        anchor: {
          kind: 'option',
          placeholder: 'label or id',
          description: 'move: the paragraph it goes next to',
          check: textOfLength(1, 100),
        },
        'new-kind': {
          kind: 'option',
          placeholder: 'preambular|operative|subparagraph',
          description: 'insert: the kind of the new paragraph (default operative)',
          check: oneOf(['preambular', 'operative', 'subparagraph']),
        },
        rationale: { kind: 'option', placeholder: 'text', description: 'why', check: textOfLength(1, 5000) },
        delegation: {
          kind: 'option',
          placeholder: 'delegation id',
          description: 'chair/secretariat: the sponsoring delegation',
          check: isUuid,
        },
        table: { kind: 'switch', description: 'table it at once' },
      },
    },
    validate: (a) =>
      (a.options.kind === 'modify' || a.options.kind === 'insert') && !a.options.text
        ? `--text is required for --kind ${a.options.kind}`
        : (a.options.kind === 'insert' || a.options.kind === 'move') && !a.options.position
          ? `--position is required for --kind ${a.options.kind}`
          : a.options.kind === 'move' && !a.options.anchor
            ? '--anchor is required for --kind move'
            : null,
    async run(args, io) {
      const o = args.options;
      const { perform } = await acting(io.db, o.as, o.resolution);
      const tableToo = args.switches.has('table');
      const paragraph = await paragraphNamed(io.db, o.resolution, o.paragraph);
      const kind = o.kind as 'modify' | 'insert' | 'delete' | 'move';
      const amendment = await perform(amendments.draft, {
        resolutionId: o.resolution,
        kind,
        targetParagraphId: kind === 'insert' ? null : paragraph,
        anchorParagraphId:
          kind === 'insert' ? paragraph : kind === 'move' ? await paragraphNamed(io.db, o.resolution, o.anchor) : null,
        position: (o.position as 'before' | 'after' | undefined) ?? null,
        newKind: kind === 'insert' ? ((o['new-kind'] as 'operative' | undefined) ?? 'operative') : null,
        proposedText: o.text,
        rationale: o.rationale,
        sponsorDelegationId: o.delegation ?? null,
        // Refused before anything is stored: "--table" must not leave a draft behind.
        alsoTabling: tableToo,
      }).catch((e: unknown) => {
        // The use case names the API's field; the CLI names its flag.
        if (e instanceof DomainError && e.code === 'bad_request:body' && !o.delegation)
          throw new DomainError('bad_request:delegation', 'Name the sponsoring delegation with --delegation <id>.');
        throw e;
      });
      if (tableToo) {
        const tabled = await perform(amendments.table, { amendmentId: amendment.id }).catch((e: unknown) => {
          // The draft is kept (its sponsors see it): say so, with its id, before the refusal.
          io.out(`Drafted, but not tabled; the draft's id:`);
          io.out(amendment.id);
          throw e;
        });
        io.out(`Tabled ${tabled.number}.`);
      } else io.out('Drafted.');
      io.out(amendment.id);
    },
  },
  {
    spec: {
      name: 'amendment table',
      summary: 'Tables a draft amendment (it gets the next number).',
      positionals: amendmentArg,
      flags: { resolution: resolutionFlag, as: asFlag },
    },
    async run(args, io) {
      const { perform } = await acting(io.db, args.options.as, args.options.resolution);
      const amendment = await amendmentNamed(io.db, args.options.resolution, args.positionals[0]);
      const tabled = await perform(amendments.table, { amendmentId: amendment.id });
      io.out(`Tabled ${tabled.number}.`);
    },
  },
  {
    spec: {
      name: 'amendment cosponsor',
      summary:
        'Invites a delegation to co-sponsor (--add), removes one (--remove: the sponsor, or the co-sponsor itself), or answers your delegation’s invitation (--accept, --decline).',
      positionals: amendmentArg,
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        add: {
          kind: 'option',
          placeholder: 'delegation',
          description: 'the delegation invited, by name',
          check: textOfLength(1, 200),
        },
        remove: {
          kind: 'option',
          placeholder: 'delegation',
          description: 'the co-sponsor removed, by name',
          check: textOfLength(1, 200),
        },
        accept: { kind: 'switch', description: 'your delegation accepts its invitation (it is then listed)' },
        decline: { kind: 'switch', description: 'your delegation declines its invitation' },
      },
    },
    validate: (a) =>
      [!!a.options.add, !!a.options.remove, a.switches.has('accept'), a.switches.has('decline')].filter(Boolean)
        .length !== 1
        ? 'give one of --add, --remove, --accept, --decline'
        : null,
    async run(args, io) {
      const { perform, scope } = await acting(io.db, args.options.as, args.options.resolution);
      const amendment = await amendmentNamed(io.db, args.options.resolution, args.positionals[0]);
      const names = await delegationNames(io.db, scope.committeeId);
      const answer = args.switches.has('accept') || args.switches.has('decline');
      let now: StoredAmendment;
      if (answer) {
        const accept = args.switches.has('accept');
        ({ amendment: now } = await perform(amendments.answerCoSponsorship, { amendmentId: amendment.id, accept }));
      } else {
        const wanted = (args.options.add ?? args.options.remove).trim().toLowerCase();
        const delegationId = [...names].find(([, name]) => name.toLowerCase() === wanted)?.[0];
        if (!delegationId)
          throw notFound(
            'delegation',
            `No delegation "${args.options.add ?? args.options.remove}" in this committee (${[...names.values()].join(', ')}).`,
          );
        const act = args.options.add ? amendments.inviteCoSponsor : amendments.removeCoSponsor;
        now = await perform(act, { amendmentId: amendment.id, delegationId });
      }
      // Consent: only accepted co-sponsors are listed; open invitations are said as such.
      const invited = now.invitedCoSponsorDelegationIds;
      const accepted = now.coSponsorDelegationIds.filter((id) => !invited.includes(id));
      const named = (ids: string[]) => ids.map((id) => names.get(id)).join(', ');
      io.out(
        `Co-sponsors of ${now.number ?? 'the draft'}: ${named(accepted) || 'none'}${invited.length ? `; invited: ${named(invited)}` : ''}.`,
      );
    },
  },
  {
    spec: {
      name: 'amendment withdraw',
      summary: 'Withdraws an amendment of the acting member’s delegation.',
      positionals: amendmentArg,
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        reason: { kind: 'option', placeholder: 'text', description: 'why', check: textOfLength(1, 1000) },
      },
    },
    async run(args, io) {
      const { perform } = await acting(io.db, args.options.as, args.options.resolution);
      const amendment = await amendmentNamed(io.db, args.options.resolution, args.positionals[0]);
      const { fallen } = await perform(amendments.withdraw, { amendmentId: amendment.id, reason: args.options.reason });
      io.out(
        `Withdrew ${amendment.number ?? 'the draft'}${fallen.length ? `; ${fallen.length} sub-amendment(s) fell` : ''}.`,
      );
    },
  },
  {
    spec: {
      name: 'amendment rule',
      summary: 'The chair rules a tabled amendment inadmissible.',
      positionals: amendmentArg,
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        reason: {
          kind: 'option',
          required: true,
          placeholder: 'text',
          description: 'the reason, shown with it',
          check: textOfLength(3, 2000),
        },
      },
    },
    async run(args, io) {
      const { perform } = await acting(io.db, args.options.as, args.options.resolution);
      const amendment = await amendmentNamed(io.db, args.options.resolution, args.positionals[0]);
      await perform(amendments.rule, { amendmentId: amendment.id, reason: args.options.reason });
      io.out(`${amendment.number} ruled inadmissible: ${args.options.reason.trim()}`);
    },
  },
  {
    spec: {
      name: 'amendment decide',
      summary: 'Records the decision on a tabled amendment; adopted ones are applied to the text.',
      positionals: amendmentArg,
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        outcome: {
          kind: 'option',
          required: true,
          placeholder: 'adopted|rejected',
          description: 'the decision',
          check: oneOf(['adopted', 'rejected']),
        },
        method: {
          kind: 'option',
          placeholder: 'consensus|vote',
          description: 'how (default consensus)',
          check: oneOf(['consensus', 'vote']),
        },
      },
    },
    async run(args, io) {
      const { perform } = await acting(io.db, args.options.as, args.options.resolution);
      const amendment = await amendmentNamed(io.db, args.options.resolution, args.positionals[0]);
      const result = await perform(amendments.decide, {
        amendmentId: amendment.id,
        outcome: args.options.outcome as 'adopted' | 'rejected',
        method: (args.options.method as 'vote' | undefined) ?? 'consensus',
      });
      io.out(
        `${result.amendment.number} ${result.amendment.status}${result.paragraphs ? '; the text is changed' : ''}.`,
      );
      for (const f of result.fallen)
        io.out(`  fell: ${(await findAmendment(io.db, f.amendmentId)).number} — ${f.reason}`);
      if (result.rebased.length) io.out(`  rebased onto the new wording: ${result.rebased.length}`);
    },
  },
  {
    spec: {
      name: 'amendment order',
      summary: 'Shows the voting order with its reasons; the chair sets it with --set A/3,A/1,… or --reset.',
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        set: {
          kind: 'option',
          placeholder: 'A/3,A/1,…',
          description: 'every tabled amendment once, in voting order',
          check: (v) => (/^\s*A\/\d+(\s*,\s*A\/\d+)*\s*$/i.test(v) ? null : `"${v}" is not a list like A/3,A/1`),
        },
        reset: { kind: 'switch', description: 'back to the suggested order' },
      },
    },
    validate: (a) => (a.options.set && a.switches.has('reset') ? 'give --set or --reset, not both' : null),
    async run(args, io) {
      const { perform, scope } = await acting(io.db, args.options.as, args.options.resolution);
      if (args.options.set || args.switches.has('reset')) {
        const order = args.options.set
          ? await Promise.all(
              args.options.set
                .split(',')
                .map(async (n) => (await amendmentNamed(io.db, scope.resolutionId, n.trim())).id),
            )
          : null;
        await perform(amendments.setVotingOrder, { resolutionId: scope.resolutionId, order });
      }
      const order = votingOrder(
        await listAmendments(io.db, scope.resolutionId),
        await currentParagraphs(io.db, scope.resolutionId),
      );
      if (order.length === 0) return io.out('(no tabled amendments)');
      for (const e of order)
        io.out(`${e.position}. ${e.number} (${e.paragraphLabel ?? 'deleted paragraph'}) — ${e.reason}`);
    },
  },
  {
    spec: {
      name: 'amendment deadline',
      summary: 'Sets or clears the tabling deadline.',
      flags: {
        resolution: resolutionFlag,
        as: asFlag,
        at: {
          kind: 'option',
          placeholder: 'ISO date-time',
          description: 'e.g. 2026-04-01T14:00:00Z',
          check: (v) => (Number.isNaN(Date.parse(v)) ? `"${v}" is not a date-time like 2026-04-01T14:00:00Z` : null),
        },
        clear: { kind: 'switch', description: 'remove the deadline' },
      },
    },
    validate: (a) => (!!a.options.at === a.switches.has('clear') ? 'give either --at or --clear' : null),
    async run(args, io) {
      const { perform, scope } = await acting(io.db, args.options.as, args.options.resolution);
      const row = await perform(amendments.setTablingDeadline, {
        resolutionId: scope.resolutionId,
        deadline: args.options.at ? new Date(args.options.at) : null,
      });
      io.out(row.tablingDeadline ? `Tabling deadline: ${row.tablingDeadline.toISOString()}` : 'No tabling deadline.');
    },
  },
];
