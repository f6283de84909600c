import type { PhaseOutcome } from '../load/fleet';
import { ProcessSampler, type UsageSummary } from '../measure/process-usage';
import type { ServerName } from '../servers/types';
import type { LoopDelay } from '../servers/child';
import { withLoadedServer } from './fanout';
import { fmt, log, type BenchContext, type ScenarioResult } from './context';

interface Step {
  outcome: PhaseOutcome;
  usage: UsageSummary;
  /** The server's event loop during the step (worst process). */
  loop: LoopDelay | null;
  sustained: boolean;
}

interface CapacityRun {
  server: ServerName;
  steps: Step[];
  /** Highest rate whose step passed; 0 when none did. */
  highestSustained: number;
  /** Every rate tried passed: the true limit lies above the list. */
  limitNotReached: boolean;
  error?: string;
}

/**
 * B2 types tens of thousands of edits into one document across its steps, three editors to
 * a paragraph: in the 900/s step the paragraphs pass the production paragraph limit (20,000
 * characters), where the update guard rightly closes their editors (4400); the higher steps
 * take the document towards its byte bound (5 MB) too. B2 measures the relay's capacity, not
 * those limits, so its Concord runs with both raised (bench/HISTORY.md, 2026-12-01).
 */
const GROWN_DOCUMENT_LIMITS: Record<string, string> = {
  CONCORD_COLLAB_MAX_PARAGRAPH_CHARS: '1000000',
  CONCORD_COLLAB_MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024),
};

/**
 * B2: the same connections as B1, the rate raised step by step on one server process (the
 * document grows across steps, as a session's would) until p99 passes the limit or an
 * update is lost. Each step drains before the next starts, so steps do not overlap.
 */
async function runCapacity(ctx: BenchContext, name: ServerName): Promise<CapacityRun> {
  const { rates, stepS, drainS, p99LimitMs } = ctx.options;
  const result = await withLoadedServer(
    ctx,
    name,
    async (fleet, pids, server) => {
      const steps: Step[] = [];
      for (const rate of rates) {
        log(`${ctx.label(name)}: ${rate} updates/s for ${stepS} s…`);
        server.loop.reset();
        const sampler = new ProcessSampler(pids).start();
        const outcome = await fleet.runPhase(rate, stepS, drainS, pids.length);
        const usage = sampler.stop();
        const loop = await server.loop.report().catch(() => null);
        const p99 = outcome.latency.p99Ms ?? Infinity;
        const sustained = p99 <= p99LimitMs && outcome.lost === 0 && outcome.duplicated === 0;
        steps.push({ outcome, usage, loop, sustained });
        log(
          `  p99 ${fmt.ms(p99)}, lost ${outcome.lost}, server CPU ${fmt.pct(usage.cpuPercent)} → ${sustained ? 'sustained' : 'limit passed'}`,
        );
        if (!sustained) break;
      }
      const passed = steps.filter((s) => s.sustained);
      return {
        server: name,
        steps,
        highestSustained: passed.length ? Math.max(...passed.map((s) => s.outcome.rate)) : 0,
        limitNotReached: passed.length === rates.length,
      };
    },
    GROWN_DOCUMENT_LIMITS,
  );
  return 'error' in result
    ? { server: name, steps: [], highestSustained: 0, limitNotReached: false, error: result.error }
    : result;
}

export async function capacityScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const o = ctx.options;
  const runs: CapacityRun[] = [];
  for (const name of o.servers) runs.push(await runCapacity(ctx, name));
  const find = (name: ServerName) => runs.find((r) => r.server === name);
  const ref = find('reference');
  const con = find('concord');

  const stepCell = (run: CapacityRun | undefined, rate: number) => {
    if (!run) return 'not selected';
    if (run.error) return run.error.startsWith('not measured') ? 'not measured' : 'failed (see notes)';
    const step = run.steps.find((s) => s.outcome.rate === rate);
    if (!step) return 'not run (limit passed below)';
    const { latency, lost, duplicated } = step.outcome;
    const extra = lost || duplicated ? `, lost ${lost}, dup ${duplicated}` : '';
    return `${step.sustained ? '✓' : '✗'} p50 ${fmt.ms(latency.p50Ms)} / p99 ${fmt.ms(latency.p99Ms)}${extra}; CPU ${fmt.pct(step.usage.cpuPercent)}; loop max ${step.loop ? fmt.ms(step.loop.maxMs) : 'no answer'}`;
  };
  const highest = (run: CapacityRun | undefined) =>
    !run
      ? 'not selected'
      : run.error
        ? '–'
        : run.limitNotReached
          ? `≥ ${fmt.int(run.highestSustained)}/s (limit not reached)`
          : `${fmt.int(run.highestSustained)}/s`;

  const rows = o.rates.map((rate) => [`${rate} updates/s`, stepCell(ref, rate), stepCell(con, rate)]);
  rows.push([`highest sustained (p99 ≤ ${o.p99LimitMs} ms, nothing lost)`, highest(ref), highest(con)]);

  const measured = ref && con && !ref.error && !con.error;
  const notes = runs.filter((r) => r.error).map((r) => `${ctx.label(r.server)}: ${r.error}`);
  if (measured && ref.limitNotReached)
    notes.push(`The reference sustained every rate tried: add higher --rates to find its limit.`);
  return {
    id: 'B2',
    title: `B2 capacity: ${fmt.int(o.connections)} connections (${o.editors} editing), rate raised in ${o.stepS} s steps until p99 > ${o.p99LimitMs} ms`,
    columns: ['rate', ctx.label('reference'), ctx.label('concord')],
    rows,
    verdicts: [
      {
        criterion: 'Concord sustains at least the rate the reference does',
        pass: measured ? con.highestSustained >= ref.highestSustained : null,
        detail: measured ? `Concord ${highest(con)}, reference ${highest(ref)}` : 'both servers are needed to judge',
      },
    ],
    notes,
    data: runs,
  };
}
