import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './import-graph';

/**
 * Pages call the API one way: `api()` for reads, `useApiAction()` for acts (busy, one toast,
 * the failure in plain words, a refresh). A component with its own `fetch(` would bring
 * back its own error handling; event streams use EventSource, not fetch.
 */
const ALLOWED = ['app/_components/api.ts', 'app/_components/useApiAction.ts'];

const callsFetch = (text: string) => /(^|[^\w.])fetch\s*\(/m.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''));

describe('API calls from pages', () => {
  const pages = sourceFiles('app').filter((f) => !f.startsWith(`app${path.sep}api${path.sep}`));

  it('sees the pages and their components', () => {
    expect(pages.length).toBeGreaterThan(50);
  });

  it('go through api() / useApiAction(): no component calls fetch( itself', () => {
    const offenders = pages
      .filter((f) => !ALLOWED.includes(f))
      .filter((f) => callsFetch(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would notice one (the check itself works)', () => {
    expect(callsFetch("const res = await fetch('/api/auth/logout', { method: 'POST' });")).toBe(true);
    expect(callsFetch('// we never fetch( here\nconst x = prefetch(1); router.prefetch(url);')).toBe(false);
  });
});
