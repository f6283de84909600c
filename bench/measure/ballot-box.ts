/**
 * The ballot box alone, without HTTP: what a burst of 190 ballots costs the database path,
 * ballot by ballot in savepoints (the box before it became set-based) against set-based
 * batches, alternately in the same process so both see the same machine.
 *
 *   node --import tsx bench/measure/ballot-box.ts [rounds]   (PostgreSQL too with TEST_DATABASE_URL)
 *
 * Per round and variant: a fresh electronic vote, 190 casts at once (time until every one
 * is answered), then all 190 changed at once; each checked afterwards (190 rows, 380 audit
 * entries). Writes bench/results/<date>-B4-ballot-box.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../db/client';
import { auditEvents, ballots, resolutions } from '../../db/schema';
import { batchSetTransactions, batchTransactions, type TransactionBatcher } from '../../db/batched-transactions';
import { castBallot, castBallots, type BallotCast, type CastOutcome } from '../../db/commands/ballot-caster';
import { addDelegation, addMember, createCommittee } from '../../db/commands/committee-roster';
import { importResolution } from '../../db/commands/resolution-importer';
import { openVote } from '../../db/commands/vote-opener';
import { describeMachine } from '../report';

const DELEGATIONS = 190;
const rounds = Number(process.argv[2]) || 3;

type Variant = 'savepoints' | 'set-based';

function boxOf(db: Db, variant: Variant): TransactionBatcher<BallotCast, CastOutcome> {
  return variant === 'savepoints'
    ? batchTransactions(
        async () => db,
        (tx, cast: BallotCast) => castBallot(tx, cast, { withStanding: true }),
        {
          ownTransaction: true,
        },
      )
    : batchSetTransactions(
        async () => db,
        (tx, casts: readonly BallotCast[]) => castBallots(tx, casts, { withStanding: true }),
      );
}

async function committeeOf(db: Db) {
  const committee = await createCommittee(db, { slug: `box-${randomBytes(3).toString('hex')}`, name: 'Box' });
  const chair = await addMember(db, committee.id, {
    email: `chair-${committee.id}@bench.invalid`,
    name: 'Chair',
    role: 'chair',
  });
  const delegationIds: string[] = [];
  for (let i = 0; i < DELEGATIONS; i++)
    delegationIds.push((await addDelegation(db, committee.id, { name: `Delegation ${i + 1}` })).id);
  return { committeeId: committee.id, chairId: chair.userId, delegationIds };
}

async function measure(db: Db, who: Awaited<ReturnType<typeof committeeOf>>, variant: Variant) {
  const { resolution } = await importResolution(db, {
    committeeId: who.committeeId,
    actorId: who.chairId,
    text: 'The Assembly,\n\n  1. Decides to act.\n',
  });
  const [atVoting] = await db
    .update(resolutions)
    .set({ stage: 'voting' })
    .where(eq(resolutions.id, resolution.id))
    .returning();
  const vote = await openVote(db, {
    resolution: atVoting,
    subject: { kind: 'resolution' },
    method: 'electronic',
    majority: 'simple',
    actorId: who.chairId,
    paragraphIds: [],
  });
  const box = boxOf(db, variant);
  const burst = async (choice: (i: number) => 'yes' | 'no' | 'abstain') => {
    const start = performance.now();
    await Promise.all(
      who.delegationIds.map((delegationId, i) =>
        box.run({ voteId: vote.id, delegationId, choice: choice(i), actorId: who.chairId }),
      ),
    );
    return performance.now() - start;
  };
  const first = await burst((i) => (i % 2 ? 'yes' : 'abstain'));
  const changed = await burst(() => 'no');
  const [rows] = await db.select({ n: count() }).from(ballots).where(eq(ballots.voteId, vote.id));
  const [audit] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.resolutionId, resolution.id), eq(auditEvents.action, 'ballot.cast')));
  if (Number(rows.n) !== DELEGATIONS || Number(audit.n) !== 2 * DELEGATIONS)
    throw new Error(`${variant}: ${rows.n} ballots, ${audit.n} audit entries`);
  return { first, changed };
}

async function engine(label: string, db: Db) {
  const who = await committeeOf(db);
  await measure(db, who, 'set-based'); // warm-up: prepared statements, JIT
  const samples: Record<Variant, { first: number[]; changed: number[] }> = {
    savepoints: { first: [], changed: [] },
    'set-based': { first: [], changed: [] },
  };
  for (let r = 0; r < rounds; r++) {
    for (const variant of ['savepoints', 'set-based'] as const) {
      const m = await measure(db, who, variant);
      samples[variant].first.push(m.first);
      samples[variant].changed.push(m.changed);
      console.log(
        `${label} round ${r + 1} ${variant}: first ${m.first.toFixed(0)} ms, changed ${m.changed.toFixed(0)} ms`,
      );
    }
  }
  return samples;
}

const spread = (xs: number[]) =>
  `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms (median ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0)})`;

const results: Record<string, unknown> = {};
const lines: string[] = [
  '| engine | variant | 190 first ballots at once | 190 changed at once |',
  '|---|---|---:|---:|',
];
const pglite = await openDatabase({});
try {
  results.pglite = await engine('PGlite', pglite.db);
} finally {
  await pglite.close();
}
if (process.env.TEST_DATABASE_URL) {
  const { default: postgres } = await import('postgres');
  const name = `concord_box_${randomBytes(5).toString('hex')}`;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const pg = await openDatabase({ url: url.toString() });
  try {
    results.postgres = await engine('PostgreSQL', pg.db);
  } finally {
    await pg.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
for (const [label, samples] of Object.entries(results) as [
  string,
  Record<Variant, { first: number[]; changed: number[] }>,
][])
  for (const variant of ['savepoints', 'set-based'] as const)
    lines.push(`| ${label} | ${variant} | ${spread(samples[variant].first)} | ${spread(samples[variant].changed)} |`);
const table = lines.join('\n');
console.log(`\n${table}`);
const file = path.join(
  import.meta.dirname,
  '..',
  'results',
  `${new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '')}-B4-ballot-box.json`,
);
fs.writeFileSync(
  file,
  `${JSON.stringify({ createdAt: new Date().toISOString(), rounds, machine: describeMachine(), results, markdown: table }, null, 2)}\n`,
);
console.log(`written to ${path.relative(process.cwd(), file)}`);
