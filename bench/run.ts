import os from 'node:os';
import path from 'node:path';
import { parseOptions, USAGE, UsageError, type BenchOptions, type ScenarioId } from './options';
import { BenchContext, log, type ScenarioResult } from './scenarios/context';
import { fanoutScenario } from './scenarios/fanout';
import { capacityScenario } from './scenarios/capacity';
import { coldOpenScenario } from './scenarios/cold-open';
import { ballotsScenario } from './scenarios/ballots';
import { pageScenario } from './scenarios/page';
import { describeMachine, markdown, writeResults } from './report';
import { killStartedServers, projectRoot } from './servers/child';

/**
 * `npm run bench`: starts the servers (each in its own process), drives them with the same
 * load from separate load-generator processes, prints a markdown table and writes the
 * numbers with a description of the machine to bench/results/. See bench/README.md.
 */
let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  if (e.message) console.error(`bench: ${e.message}\n`);
  console.error(USAGE);
  process.exit(e.message ? 2 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killStartedServers();
    process.exit(130);
  });
}

const scenarios: Record<ScenarioId, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  B1: fanoutScenario,
  B2: capacityScenario,
  B3: coldOpenScenario,
  B4: ballotsScenario,
  B5: pageScenario,
};

const machine = describeMachine();
const ctx = new BenchContext(options);
const results: ScenarioResult[] = [];
try {
  for (const id of options.only) {
    log(`── ${id} ──`);
    results.push(
      await scenarios[id](ctx).catch((e: unknown): ScenarioResult => {
        const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`${id} failed: ${message}`);
        return {
          id,
          title: `${id}: failed`,
          columns: ['', ''],
          rows: [['run', 'failed (see notes)']],
          verdicts: [],
          notes: [message],
          data: { error: message },
        };
      }),
    );
  }
} finally {
  killStartedServers();
  await ctx.dispose();
}
machine.loadAverageAtEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
const text = markdown(results, options, machine);
process.stdout.write(text);
const file = writeResults(results, options, machine, text);
log(`results written to ${path.relative(projectRoot, file)}`);
process.exit(0);
