import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { BenchOptions } from './options';
import type { ScenarioResult } from './scenarios/context';
import { projectRoot } from './servers/child';
import { schedulingNote } from './load/pin';

export interface MachineDescription {
  os: string;
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  versions: Record<string, string>;
  commit: string;
  /** BENCH_MACHINE_NOTE: what the numbers cannot show, e.g. "shared with other jobs". */
  note?: string;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return require(`${name}/package.json`).version ?? 'unknown';
  }
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: projectRoot, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  const note = [process.env.BENCH_MACHINE_NOTE, schedulingNote()].filter(Boolean).join(' ');
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    versions: Object.fromEntries(
      ['yjs', 'y-protocols', 'ws', '@y/websocket-server', '@electric-sql/pglite'].map((n) => [n, packageVersion(n)]),
    ),
    commit: commit(),
    ...(note ? { note } : {}),
  };
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdown(results: ScenarioResult[], options: BenchOptions, machine: MachineDescription): string {
  const lines: string[] = [];
  lines.push(`# Concord benchmarks${options.quick ? ' — QUICK SMOKE RUN (small load; not the figures to quote)' : ''}`);
  lines.push('');
  lines.push(
    `${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ` +
      `load average at start ${machine.loadAverageAtStart.join(' / ')}${machine.loadAverageAtEnd ? `, at end ${machine.loadAverageAtEnd.join(' / ')}` : ''}; commit ${machine.commit}${machine.note ? `. ${machine.note}` : ''}`,
  );
  for (const r of results) {
    lines.push('', `## ${r.title}`, '');
    lines.push(`| ${r.columns.map(escapeCell).join(' | ')} |`);
    lines.push(`|${r.columns.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of r.rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
    for (const v of r.verdicts)
      lines.push(
        '',
        `${v.pass === null ? '➖ not judged' : v.pass ? '✅ PASS' : '❌ FAIL'}: ${v.criterion} — ${v.detail}`,
      );
    for (const n of r.notes) lines.push('', `> ${n.replace(/\n/g, '\n> ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** bench/results/[quick-]<date>-<name>.json */
export function writeResults(
  results: ScenarioResult[],
  options: BenchOptions,
  machine: MachineDescription,
  markdownText: string,
): string {
  const dir = path.join(projectRoot, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
  const file = path.join(dir, `${options.quick ? 'quick-' : ''}${stamp}-${options.name}.json`);
  const json = JSON.stringify(
    { createdAt: new Date().toISOString(), quick: options.quick, machine, options, results, markdown: markdownText },
    (_key, value) => (ArrayBuffer.isView(value) ? undefined : value),
    2,
  );
  fs.writeFileSync(file, `${json}\n`);
  return file;
}
