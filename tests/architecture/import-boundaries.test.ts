import { describe, expect, it } from 'vitest';
import { cycles, layerOf, projectGraph } from './import-graph';

/**
 * The layers of DESIGN.md, checked on every import: lib/ is pure; db/ builds on lib/ only;
 * use cases on db/ and lib/; the transports (app/, cli/, server/) call use cases, and app/
 * reaches into server/ only for the transport services listed here.
 */
const graph = projectGraph();
const edges = [...graph.values()].flat();

/** What of server/ route handlers and pages may use: authentication, logs, metrics, the event stream. */
const SERVER_ENTRY_POINTS = [
  /^server\/auth\//,
  /^server\/log\.ts$/,
  /^server\/observability\//,
  /^server\/single-flight\.ts$/,
  /^server\/procedure-events\.ts$/, // the SSE route subscribes to the stream
  /^server\/docx-reader\.ts$/, // bounded .docx reading for imports
];

/**
 * Crossings still to remove, each with its way out: the language acts notify their rooms
 * by hand (languageChanged) until they are use cases whose events a subscriber handles.
 */
const KNOWN_DEBT = ['app/api/v1/languages/act.ts → server/resolution-text.ts'];

const crossing = (from: string, to: readonly string[]) =>
  edges.filter((e) => layerOf(e.from) === from && to.includes(layerOf(e.to))).map((e) => `${e.from} → ${e.to}`);

describe('import boundaries', () => {
  it('sees the whole project', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('keeps lib/ pure: nothing of db/, server/, app/, cli/ or usecases/', () => {
    expect(crossing('lib', ['db', 'server', 'app', 'cli', 'usecases'])).toEqual([]);
  });

  it('builds db/ on lib/ only', () => {
    expect(crossing('db', ['server', 'app', 'cli', 'usecases'])).toEqual([]);
  });

  it('keeps use cases free of transports: nothing of server/, app/ or cli/', () => {
    expect(crossing('usecases', ['server', 'app', 'cli'])).toEqual([]);
  });

  it('lets app/ use server/ only through its transport entry points', () => {
    const internals = edges
      .filter((e) => layerOf(e.from) === 'app' && layerOf(e.to) === 'server')
      .filter((e) => !SERVER_ENTRY_POINTS.some((allowed) => allowed.test(e.to)))
      .filter((e) => !KNOWN_DEBT.includes(`${e.from} → ${e.to}`))
      .map((e) => `${e.from} → ${e.to}`);
    expect(internals).toEqual([]);
  });

  /** Pages and their components: app/ outside the API's route handlers. */
  const isPage = (file: string) => layerOf(file) === 'app' && !file.startsWith('app/api/');

  it('keeps pages off the API: presenters and read models live in usecases/reads, shared by both', () => {
    const intoApi = edges
      .filter((e) => isPage(e.from) && e.to.startsWith('app/api/'))
      .map((e) => `${e.from} → ${e.to}`);
    expect(intoApi).toEqual([]);
  });

  it('lets pages reach db/ only for the connection: every query goes through a read model', () => {
    const queries = edges
      .filter((e) => isPage(e.from) && layerOf(e.to) === 'db' && e.to !== 'db/client.ts')
      .map((e) => `${e.from} → ${e.to}`);
    expect(queries).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const edge = (from: string, to: string) => ({ from, to, specifier: to });
    const toy = new Map([
      ['a.ts', [edge('a.ts', 'b.ts')]],
      ['b.ts', [edge('b.ts', 'c.ts')]],
      ['c.ts', [edge('c.ts', 'a.ts')]],
    ]);
    expect(cycles(toy)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
