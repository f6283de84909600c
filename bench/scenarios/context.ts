import { previewImport } from '../../db/commands/resolution-importer';
import { encodeParagraphs } from '../../lib/text/ydoc';
import fs from 'node:fs';
import type { BenchOptions, ScenarioId } from '../options';
import type { ClientSpec } from '../load/client';
import { startReferenceServer } from '../servers/reference';
import { concordAvailable, startConcord } from '../servers/concord';
import {
  EXAMPLE_PATH,
  populate,
  preparePgliteFixture,
  removeDir,
  type ConcordFixture,
} from '../servers/concord-fixture';
import { openDatabase } from '../../db/client';
import { SERVER_LABEL, type RunningServer, type ServerName } from '../servers/types';

/** What a scenario produces: a table for the report and the raw numbers for the JSON. */
export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  /** Header of the table; the first column names the metric. */
  columns: string[];
  rows: string[][];
  /** The acceptance criteria, judged on this run. */
  verdicts: { criterion: string; pass: boolean | null; detail: string }[];
  notes: string[];
  data: unknown;
}

/**
 * Shared by the scenarios of one run: the options, Concord's prepared database (built once,
 * copied for every start) and the document both servers serve.
 */
export class BenchContext {
  private fixturePromise: Promise<ConcordFixture> | null = null;

  constructor(readonly options: BenchOptions) {}

  /** Column and log name of a server in this run. */
  label(name: ServerName): string {
    if (name === 'concord' && this.options.concordProcesses > 1)
      return `Concord (${this.options.concordProcesses} processes, PostgreSQL + Redis)`;
    if (name === 'concord')
      return `Concord (1 process, ${this.options.database === 'postgres' ? 'PostgreSQL' : 'PGlite'})`;
    return SERVER_LABEL[name];
  }

  /** Why Concord cannot run here, or null. */
  concordMissing(): string | null {
    return this.options.servers.includes('concord') ? concordAvailable() : 'not selected (--servers)';
  }

  fixture(): Promise<ConcordFixture> {
    this.fixturePromise ??= this.prepareFixture();
    return this.fixturePromise;
  }

  private async prepareFixture(): Promise<ConcordFixture> {
    const { editors, connections, database } = this.options;
    const counts = { editors, watchers: Math.max(connections - editors, 1) };
    const started = performance.now();
    log(
      `preparing Concord's database (${counts.editors} members, ${counts.watchers} observers, tokens, the example resolution)…`,
    );
    let fixture: ConcordFixture;
    if (database === 'pglite') fixture = await preparePgliteFixture(counts);
    else {
      const database = await openDatabase({ url: process.env.TEST_DATABASE_URL });
      try {
        fixture = { dataDir: null, ...(await populate(database, { ...counts, tag: Date.now().toString(36) })) };
      } finally {
        await database.close();
      }
    }
    log(`database ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return fixture;
  }

  /** Removes the prepared PGlite folder, if one was made. */
  async dispose(): Promise<void> {
    const fixture = await this.fixturePromise?.catch(() => null);
    if (fixture) removeDir(fixture.dataDir);
  }

  /** The resolution both servers serve: Concord's imported example, byte for byte. */
  async initialState(): Promise<Uint8Array> {
    if (!this.concordMissing()) return (await this.fixture()).initialState;
    const { parsed } = previewImport(fs.readFileSync(EXAMPLE_PATH, 'utf8'));
    return encodeParagraphs(parsed.paragraphs);
  }

  async startServer(name: ServerName, env?: Record<string, string>): Promise<RunningServer> {
    log(`starting ${this.label(name)}…`);
    if (name === 'reference') return startReferenceServer(await this.initialState());
    return startConcord({
      fixture: await this.fixture(),
      processes: this.options.concordProcesses,
      database: this.options.database,
      databaseUrl: process.env.TEST_DATABASE_URL,
      redisUrl: process.env.REDIS_URL,
      env,
    });
  }

  /**
   * Clients 0…E-1 edit, the rest watch; `verifiers` watchers spread over the range also
   * apply every update to a real document.
   */
  clientSpecs(server: RunningServer): ClientSpec[] {
    const { connections, editors, verifiers } = this.options;
    const watchers = connections - editors;
    const verifying = new Set(
      Array.from({ length: verifiers }, (_, j) => editors + Math.floor(((j + 0.5) * watchers) / verifiers)),
    );
    return Array.from({ length: connections }, (_, index) => {
      const role = index < editors ? ('editor' as const) : ('watcher' as const);
      return {
        index,
        role,
        editorIndex: role === 'editor' ? index : -1,
        verifier: verifying.has(index),
        url: server.urlFor(index, role),
        origin: server.origin(index),
      };
    });
  }
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export const fmt = {
  ms: (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v)
      ? '–'
      : v >= 100
        ? `${Math.round(v)} ms`
        : `${v.toFixed(1)} ms`,
  int: (v: number) => v.toLocaleString('en-US'),
  pct: (v: number) => `${Math.round(v)} %`,
  mib: (v: number) => `${Math.round(v)} MiB`,
  ratio: (a: number | null | undefined, b: number | null | undefined) =>
    a === null ||
    a === undefined ||
    b === null ||
    b === undefined ||
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    b === 0
      ? '–'
      : // Below 0.01 two decimals would print 0.00×: say "1/N" instead.
        a > 0 && b > 0 && a / b < 0.01
        ? `1/${fmt.int(Math.round(b / a))}`
        : `${(a / b).toFixed(2)}×`,
};
