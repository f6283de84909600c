import { randomBytes } from 'node:crypto';
import { LoadFleet, type PhaseOutcome } from '../load/fleet';
import { ProcessSampler, type UsageSummary } from '../measure/process-usage';
import { relayBreakdown, scrapeMetrics, type RelayBreakdown } from '../measure/relay-breakdown';
import type { RunningServer, ServerName } from '../servers/types';
import type { LoopDelay, LoopGap } from '../servers/child';
import { ConcordUnavailable } from '../servers/concord';
import { fmt, log, type BenchContext, type ScenarioResult } from './context';

/** One server under the B1 load: start, connect everyone, send, drain, stop. */
export interface FanoutRun {
  server: ServerName;
  outcome?: PhaseOutcome;
  usage?: UsageSummary;
  connectMs?: { p50: number; p99: number; max: number };
  /** The server's event loop during the measured phase (worst process). */
  loop?: (LoopDelay & { perProcess: LoopDelay[] }) | null;
  /** What the server said of its start-up warm-up (server/collab/warm-up.ts), per process. */
  warmUp?: string[];
  /** Concord: the server's own part of the latency, from its /metrics (null if they could not be read). */
  relay?: RelayBreakdown | null;
  error?: string;
}

/** Starts `name`, connects the fleet, hands both to `body`, and always cleans up. */
export async function withLoadedServer<T>(
  ctx: BenchContext,
  name: ServerName,
  body: (fleet: LoadFleet, pids: number[], server: RunningServer) => Promise<T>,
  env?: Record<string, string>,
): Promise<T | { error: string }> {
  const missing = name === 'concord' ? ctx.concordMissing() : null;
  if (missing) return { error: `not measured: ${missing}` };
  const server = await ctx.startServer(name, env).catch((e: unknown) => e as Error);
  if (server instanceof Error)
    return {
      error:
        server instanceof ConcordUnavailable
          ? `not measured: ${server.message}`
          : `server failed to start: ${server.message}`,
    };
  let fleet: LoadFleet | null = null;
  try {
    log(
      `${ctx.label(name)}: connecting ${ctx.options.connections} clients (${ctx.options.editors} editing) from ${ctx.options.loadProcesses} load process(es)…`,
    );
    fleet = await LoadFleet.start(ctx.clientSpecs(server), ctx.options.loadProcesses);
    log(`connected (sync p50 ${fmt.ms(fleet.connectMs.p50)}, p99 ${fmt.ms(fleet.connectMs.p99)})`);
    return await body(fleet, server.pids, server);
  } catch (e) {
    const tail = server.output().trim().split('\n').slice(-8).join('\n');
    return {
      error: `${e instanceof Error ? e.message : String(e)}${tail ? `\nserver output (last lines):\n${tail}` : ''}`,
    };
  } finally {
    await fleet?.close();
    await server.stop();
  }
}

async function runFanout(ctx: BenchContext, name: ServerName): Promise<FanoutRun> {
  const { rate, durationS, drainS, warmupS } = ctx.options;
  // Concord's /metrics, read before and after the measured phase (a scrape costs the server
  // a few milliseconds, outside the phase).
  const metricsToken = randomBytes(24).toString('base64url');
  const env = name === 'concord' ? { CONCORD_METRICS_TOKEN: metricsToken } : undefined;
  const result = await withLoadedServer(
    ctx,
    name,
    async (fleet, pids, server) => {
      // Warm: the same load for a while first, unmeasured. Cold (--cold): none — the server
      // was started seconds before and the measured phase includes its first second.
      if (warmupS > 0) {
        log(`${ctx.label(name)}: warming up, ${rate} updates/s for ${warmupS} s (not measured)…`);
        await fleet.runPhase(rate, warmupS, Math.min(drainS, 5), pids.length);
      }
      log(`${ctx.label(name)}: ${rate} updates/s for ${durationS} s…`);
      const origins = pids.map((_, i) => server.origin(i));
      const scrape = () => (env ? scrapeMetrics(origins, metricsToken).catch(() => null) : Promise.resolve(null));
      const before = await scrape();
      const scrapedAt = performance.now();
      server.loop.reset();
      const sampler = new ProcessSampler(pids).start();
      const outcome = await fleet.runPhase(rate, durationS, drainS, pids.length);
      const usage = sampler.stop();
      const after = await scrape();
      const relay = !env
        ? undefined
        : before && after
          ? relayBreakdown(before, after, (performance.now() - scrapedAt) / 1000)
          : null;
      // A server swamped by the load (the reference at 1,000 connections) may not answer in
      // time: its loop figure is then missing, the rest of the run still counts.
      const loop = await server.loop.report().catch(() => null);
      log(
        `p50 ${fmt.ms(outcome.latency.p50Ms)}, p99 ${fmt.ms(outcome.latency.p99Ms)}, lost ${outcome.lost}, duplicated ${outcome.duplicated}, server event loop max ${loop ? fmt.ms(loop.maxMs) : 'no answer'}`,
      );
      const warmUp = server.output().match(/warm(?:ed up|-up failed)[^\n]*/g) ?? [];
      return { server: name, outcome, usage, connectMs: fleet.connectMs, loop, warmUp, relay };
    },
    env,
  );
  return 'error' in result ? { server: name, error: result.error } : result;
}

export async function fanoutScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const o = ctx.options;
  const runs: FanoutRun[] = [];
  for (const name of o.servers) runs.push(await runFanout(ctx, name));
  const ref = runs.find((r) => r.server === 'reference');
  const con = runs.find((r) => r.server === 'concord');

  const cell = (run: FanoutRun | undefined, f: (r: Required<FanoutRun>) => string) =>
    !run
      ? 'not selected'
      : run.error
        ? run.error.startsWith('not measured')
          ? 'not measured'
          : 'failed (see notes)'
        : f(run as Required<FanoutRun>);
  const num = (run: FanoutRun | undefined, f: (r: Required<FanoutRun>) => number | null) =>
    run && !run.error ? f(run as Required<FanoutRun>) : null;
  const row = (
    metric: string,
    f: (r: Required<FanoutRun>) => string,
    ratio?: (r: Required<FanoutRun>) => number | null,
  ) => [metric, cell(ref, f), cell(con, f), ratio ? fmt.ratio(num(con, ratio), num(ref, ratio)) : ''];
  const rows = [
    row(
      'latency p50 (update → each other client)',
      (r) => fmt.ms(r.outcome.latency.p50Ms),
      (r) => r.outcome.latency.p50Ms,
    ),
    row(
      'latency p99',
      (r) => fmt.ms(r.outcome.latency.p99Ms),
      (r) => r.outcome.latency.p99Ms,
    ),
    row(
      'latency max',
      (r) => fmt.ms(r.outcome.latency.maxMs),
      (r) => r.outcome.latency.maxMs,
    ),
    row(
      'latency p99, first second of sending',
      (r) => fmt.ms(r.outcome.bySecond[0]?.p99Ms),
      (r) => r.outcome.bySecond[0]?.p99Ms ?? null,
    ),
    row('latency p99 by second (first 5 s; worst second)', (r) => {
      // A second with nothing sent in it (load generators that fell behind) shows as "–".
      const p99s = r.outcome.bySecond.map((s) => s.p99Ms);
      const worst = p99s.indexOf(Math.max(...p99s.map((v) => v ?? -1)));
      const shown = p99s.slice(0, 5).map((v) => (v === null ? '–' : Math.round(v)));
      return `${shown.join(' / ')} ms; worst s${worst + 1} ${fmt.ms(p99s[worst])}`;
    }),
    ...(runs.some((r) => r.outcome?.crossProcessLatency)
      ? [
          row(
            'latency p99 within one server process',
            (r) => fmt.ms(r.outcome.withinProcessLatency?.p99Ms),
            (r) => r.outcome.withinProcessLatency?.p99Ms ?? null,
          ),
          row(
            'latency p99 across server processes',
            (r) => fmt.ms(r.outcome.crossProcessLatency?.p99Ms),
            (r) => r.outcome.crossProcessLatency?.p99Ms ?? null,
          ),
        ]
      : []),
    row(
      'until every other client has it, p99',
      (r) => fmt.ms(r.outcome.untilAllHaveIt.p99Ms),
      (r) => r.outcome.untilAllHaveIt.p99Ms,
    ),
    row('updates sent', (r) => fmt.int(r.outcome.sentUpdates)),
    row(
      'deliveries (update × receiver)',
      (r) => `${fmt.int(r.outcome.deliveries)} of ${fmt.int(r.outcome.expectedDeliveries)}`,
    ),
    row(`lost (not arrived ${o.drainS} s after sending stopped)`, (r) => fmt.int(r.outcome.lost)),
    row('duplicated (arrived twice)', (r) => fmt.int(r.outcome.duplicated)),
    row('verifier documents: converged, each edit once', (r) =>
      r.outcome.verifiers.count === 0
        ? 'no verifiers'
        : `${r.outcome.verifiers.converged ? 'yes' : 'NO'}; missing ${r.outcome.verifiers.missingInDoc}, twice ${r.outcome.verifiers.duplicatedInDoc}`,
    ),
    row('unexpected disconnects', (r) => fmt.int(r.outcome.disconnects)),
    row(
      'server CPU, mean (% of one core)',
      (r) => fmt.pct(r.usage.cpuPercent),
      (r) => r.usage.cpuPercent,
    ),
    row(
      'server event loop delay max / p99 (during the phase, worst process)',
      (r) => (r.loop ? `${fmt.ms(r.loop.maxMs)} / ${fmt.ms(r.loop.p99Ms)}` : 'the probe did not answer within 60 s'),
      (r) => r.loop?.maxMs ?? null,
    ),
    row('server event loop: longest gaps, each as CPU / waiting for a core / GC (ms)', (r) => gapsText(r.loop?.gaps)),
    row(
      "the server's own part (its /metrics): update's arrival → written to the last peer, mean / ≈p50 / ≈p99; share over 30 ms",
      (r) => relayText(r.relay),
    ),
    row(
      '… of which the update guard / the group commit, mean; broadcasts a second, updates merged per broadcast',
      (r) => relayPartsText(r.relay),
    ),
    row(
      'server peak memory (RSS)',
      (r) => fmt.mib(r.usage.peakRssMiB),
      (r) => r.usage.peakRssMiB,
    ),
    row('connect to synced, p50 / p99', (r) => `${fmt.ms(r.connectMs.p50)} / ${fmt.ms(r.connectMs.p99)}`),
    row('load generator: CPU per process', (r) => r.outcome.load.cpuPercent.map(fmt.pct).join(', ')),
    row(
      'load generator: event-loop delay p99 / max',
      (r) => `${fmt.ms(r.outcome.load.loopDelayP99Ms)} / ${fmt.ms(r.outcome.load.loopDelayMaxMs)}`,
    ),
    row('load generator: send lateness p99', (r) => fmt.ms(r.outcome.load.scheduleLagP99Ms)),
  ];

  const notes = runs.filter((r) => r.error).map((r) => `${ctx.label(r.server)}: ${r.error}`);
  for (const r of runs) if (r.warmUp?.length) notes.push(`${ctx.label(r.server)} at start-up: ${r.warmUp.join('; ')}.`);
  for (const r of runs) {
    const l = r.outcome?.load;
    if (l && (l.loopDelayP99Ms > 20 || l.cpuPercent.some((c) => c > 90))) {
      notes.push(
        `${ctx.label(r.server)}: the load generator was busy (event-loop p99 ${fmt.ms(l.loopDelayP99Ms)}, CPU ${l.cpuPercent.join('/')} %): its queueing is part of these latencies.`,
      );
    }
  }
  const p99 = num(con, (r) => r.outcome.latency.p99Ms);
  const firstSecondP99 = num(con, (r) => r.outcome.bySecond[0]?.p99Ms ?? null);
  const clean = num(
    con,
    (r) =>
      r.outcome.lost + r.outcome.duplicated + r.outcome.verifiers.missingInDoc + r.outcome.verifiers.duplicatedInDoc,
  );
  const loopMax = num(con, (r) => r.loop?.maxMs ?? null);
  notes.push(
    'Event-loop delay: monitorEventLoopDelay at 1 ms resolution in each server process (bench/measure/loop-probe.mjs), from the start of the measured phase to the end of its drain; figures include the 1 ms sampling interval.',
  );
  if (o.cold)
    notes.push(
      'Cold: no warm-up; the measured phase starts as soon as the clients are connected to a server started seconds before.',
    );
  else notes.push(`Warm: ${o.warmupS} s of the same load before the measured phase.`);
  return {
    id: 'B1',
    title: `B1 fan-out${o.cold ? ' (cold start)' : ''}: one resolution, ${fmt.int(o.connections)} connections (${o.editors} editing), ${o.rate} updates/s for ${o.durationS} s`,
    columns: ['metric', ctx.label('reference'), ctx.label('concord'), 'Concord ÷ reference'],
    rows,
    verdicts: [
      {
        criterion: 'Concord p99 ≤ 50 ms with nothing lost or duplicated (auth and durable persistence on)',
        pass: p99 === null || clean === null ? null : p99 <= 50 && clean === 0,
        detail: p99 === null ? 'Concord not measured' : `p99 ${fmt.ms(p99)}, lost/duplicated/missing-in-doc ${clean}`,
      },
      ...(o.cold
        ? [
            {
              criterion: 'cold start: the first second alone also has p99 ≤ 50 ms',
              pass: firstSecondP99 === null ? null : firstSecondP99 <= 50,
              detail: firstSecondP99 === null ? 'Concord not measured' : `first-second p99 ${fmt.ms(firstSecondP99)}`,
            },
          ]
        : []),
      {
        criterion: "no stall on the relay's thread: Concord's event loop never blocked longer than 20 ms",
        pass: loopMax === null ? null : loopMax <= 21, // the 1 ms sampling interval is part of each figure
        detail: loopMax === null ? 'Concord not measured' : `max ${fmt.ms(loopMax)}`,
      },
    ],
    notes,
    data: runs,
  };
}

function relayText(b: RelayBreakdown | null | undefined): string {
  if (b === undefined) return '–';
  if (b === null || b.updates === 0) return 'could not be read';
  const share = b.over30ms === null ? '?' : `${(b.over30ms * 100).toFixed(1)} %`;
  return `${fmt.ms(b.meanMs)} / ${fmt.ms(b.p50Ms)} / ${fmt.ms(b.p99Ms)}; ${share}`;
}

function relayPartsText(b: RelayBreakdown | null | undefined): string {
  if (b === undefined) return '–';
  if (b === null || b.updates === 0) return 'could not be read';
  const perBroadcast = b.updatesPerBroadcast === null ? '?' : b.updatesPerBroadcast.toFixed(1);
  return `${fmt.ms(b.guardMeanMs)} / ${fmt.ms(b.commitMeanMs)}; ${b.broadcastsPerSecond.toFixed(1)} a second, ${perBroadcast} each`;
}

/** "31.8 = 12.1 cpu + 19.5 wait (gc 3.2)" for the three longest gaps. */
function gapsText(gaps: LoopGap[] | undefined): string {
  if (!gaps?.length) return 'none over 10 ms';
  const one = (g: LoopGap) =>
    g.runMs === null ? `${g.gapMs} (gc ${g.gcMs})` : `${g.gapMs} = ${g.runMs} cpu + ${g.waitMs} wait (gc ${g.gcMs})`;
  return gaps.slice(0, 3).map(one).join('; ');
}
