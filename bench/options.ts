import type { ServerName } from './servers/types';

export const SCENARIOS = ['B1', 'B2', 'B3', 'B4', 'B5'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface BenchOptions {
  only: ScenarioId[];
  quick: boolean;
  servers: ServerName[];
  connections: number;
  editors: number;
  /** B1: updates per second, all editors together. */
  rate: number;
  /** B1: seconds of sending. */
  durationS: number;
  /** After sending stops: how long to wait for the last arrivals before counting losses. */
  drainS: number;
  /** B2: the rates tried, in order, and how long each step lasts. */
  rates: number[];
  stepS: number;
  /** B2: a step passes while p99 ≤ this. */
  p99LimitMs: number;
  /** Load-generator processes (clients split between them). */
  loadProcesses: number;
  /** Watchers that also apply every update to a real Y.Doc and check the converged text. */
  verifiers: number;
  /** B3: history sizes (updates) and documents opened per size. */
  history: number[];
  historyDocs: number;
  /** 2 or more: Concord processes on PostgreSQL relaying through Redis. */
  concordProcesses: number;
  /** Concord's database: PGlite (one process only) or PostgreSQL (TEST_DATABASE_URL). */
  database: 'pglite' | 'postgres';
  /** B1: seconds of load before the measured phase (0 with --cold: measured from the first second). */
  warmupS: number;
  /** B1: the server was started seconds before the measured phase, nothing warmed up. */
  cold: boolean;
  /** Results file name: bench/results/[quick-]<date>-<name>.json */
  name: string;
}

const FULL = {
  connections: 1000,
  editors: 150,
  rate: 300,
  durationS: 60,
  drainS: 30,
  rates: [30, 60, 100, 150, 200, 300, 450, 600, 900, 1200, 1800, 2400],
  stepS: 15,
  verifiers: 3,
  history: [1_000, 100_000],
  historyDocs: 4,
  warmupS: 10,
};

/** --quick: a smoke run that proves the harness end to end in about a minute per server. */
const QUICK: typeof FULL = {
  connections: 50,
  editors: 10,
  rate: 30,
  durationS: 5,
  drainS: 10,
  rates: [30, 100, 300],
  stepS: 3,
  verifiers: 2,
  history: [1_000, 10_000],
  historyDocs: 2,
  warmupS: 2,
};

export const USAGE = `Usage: npm run bench -- [flags]

  --only B1,B2,B3        scenarios to run (default: all; B4 and B5 start the whole app server)
  --quick                small smoke run (50 connections, 5 s, short B2 steps, B3 with 1,000/10,000)
  --servers reference,concord   which servers (default: both)
  --connections N        connections to the one resolution (default 1000)
  --editors N            of which editing; the rest watch read-only (default 150)
  --rate N               B1: updates/s from all editors together (default 300)
  --duration S           B1: seconds of sending (default 60)
  --drain S              seconds to wait for late arrivals before counting losses (default 30)
  --rates A,B,C          B2: rates to step through (default 30,60,100,150,200,300,450,600,900,1200,1800,2400)
  --step S               B2: seconds per step (default 15)
  --p99-limit MS         B2: a step is sustained while p99 ≤ MS (default 100)
  --load-processes N     load-generator processes (default: 2 from 400 connections, else 1)
  --verifiers N          watchers that also apply every update to a Y.Doc (default 3)
  --history A,B          B3: updates of history per document (default 1000,100000)
  --history-docs N       B3: documents opened per history size (default 4)
  --concord-processes N  1 (PGlite, default) or 2–4 (PostgreSQL + Redis: needs REDIS_URL and TEST_DATABASE_URL)
  --database D           pglite (default with one process) or postgres (TEST_DATABASE_URL; the default with several)
  --warmup S             B1: seconds of the same load before the measured phase (default 10; quick 2)
  --cold                 B1: no warm-up — measured from the first second against a server started seconds before
  --name NAME            results file name part (default: the scenarios run)
  --help`;

export class UsageError extends Error {}

function positiveInt(flag: string, value: string | undefined, min = 1): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag} needs an integer ≥ ${min}, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return Number(value);
}

function intList(flag: string, value: string | undefined): number[] {
  if (!value) throw new UsageError(`${flag} needs a comma-separated list of integers`);
  return value.split(',').map((v) => positiveInt(flag, v.trim()));
}

function validName(name: string | undefined): string | undefined {
  if (name !== undefined && !/^[\w.-]{1,60}$/.test(name))
    throw new UsageError(`--name may use letters, digits, "_", "-" and "." only (got "${name}")`);
  return name;
}

export function parseOptions(argv: string[]): BenchOptions {
  const given = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--quick' || flag === '--help' || flag === '--cold') given.set(flag, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      given.set(flag, value);
    }
  }
  const known = [
    '--only',
    '--quick',
    '--servers',
    '--connections',
    '--editors',
    '--rate',
    '--duration',
    '--drain',
    '--rates',
    '--step',
    '--p99-limit',
    '--load-processes',
    '--verifiers',
    '--history',
    '--history-docs',
    '--concord-processes',
    '--database',
    '--warmup',
    '--cold',
    '--name',
    '--help',
  ];
  for (const flag of given.keys()) if (!known.includes(flag)) throw new UsageError(`unknown flag ${flag}`);
  if (given.has('--help')) throw new UsageError('');

  const quick = given.has('--quick');
  const d = quick ? QUICK : FULL;
  const str = (flag: string) => given.get(flag) as string | undefined;
  const int = (flag: string, fallback: number, min = 1) =>
    given.has(flag) ? positiveInt(flag, str(flag), min) : fallback;

  const only = given.has('--only')
    ? str('--only')!
        .split(',')
        .map((s) => s.trim().toUpperCase())
    : [...SCENARIOS];
  for (const s of only)
    if (!SCENARIOS.includes(s as ScenarioId))
      throw new UsageError(`--only: unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
  const servers = given.has('--servers')
    ? str('--servers')!
        .split(',')
        .map((s) => s.trim())
    : ['reference', 'concord'];
  for (const s of servers)
    if (s !== 'reference' && s !== 'concord')
      throw new UsageError(`--servers: unknown server "${s}" (known: reference, concord)`);

  const connections = int('--connections', d.connections, 2);
  const editors = int('--editors', Math.min(d.editors, connections - 1));
  if (editors >= connections)
    throw new UsageError(`--editors (${editors}) must be below --connections (${connections}): someone has to receive`);
  const concordProcesses = int('--concord-processes', 1);
  if (concordProcesses > 4) throw new UsageError('--concord-processes must be between 1 and 4');
  if (concordProcesses > 1 && (!process.env.REDIS_URL || !process.env.TEST_DATABASE_URL)) {
    throw new UsageError(
      `--concord-processes ${concordProcesses} needs REDIS_URL and TEST_DATABASE_URL (PostgreSQL) in the environment`,
    );
  }
  const database = (str('--database') ?? (concordProcesses > 1 ? 'postgres' : 'pglite')) as string;
  if (database !== 'pglite' && database !== 'postgres')
    throw new UsageError(`--database: unknown database "${database}" (known: pglite, postgres)`);
  if (database === 'pglite' && concordProcesses > 1)
    throw new UsageError('--database pglite serves one process only (several share PostgreSQL)');
  if (database === 'postgres' && !process.env.TEST_DATABASE_URL)
    throw new UsageError('--database postgres needs TEST_DATABASE_URL (PostgreSQL) in the environment');
  const cold = given.has('--cold');
  if (cold && given.has('--warmup')) throw new UsageError('--cold and --warmup exclude each other');
  const verifiers = int('--verifiers', Math.min(d.verifiers, connections - editors), 0);
  if (verifiers > connections - editors)
    throw new UsageError(`--verifiers (${verifiers}) cannot exceed the watchers (${connections - editors})`);
  const rates = given.has('--rates') ? intList('--rates', str('--rates')) : d.rates;
  const history = given.has('--history') ? intList('--history', str('--history')) : d.history;
  if (history.length < 1) throw new UsageError('--history needs at least one size');

  return {
    only: SCENARIOS.filter((s) => only.includes(s)),
    quick,
    servers: (['reference', 'concord'] as const).filter((s) => servers.includes(s)),
    connections,
    editors,
    rate: int('--rate', d.rate),
    durationS: int('--duration', d.durationS),
    drainS: int('--drain', d.drainS, 0),
    rates: [...rates].sort((a, b) => a - b),
    stepS: int('--step', d.stepS),
    p99LimitMs: int('--p99-limit', 100),
    loadProcesses: int('--load-processes', connections >= 400 ? 2 : 1),
    verifiers,
    history,
    historyDocs: int('--history-docs', d.historyDocs),
    concordProcesses,
    database,
    cold,
    warmupS: cold ? 0 : int('--warmup', d.warmupS, 0),
    name: validName(str('--name')) ?? SCENARIOS.filter((s) => only.includes(s)).join('-'),
  };
}
