import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/usecases/catalogue';
import { root, sourceFiles } from './import-graph';

/**
 * One path per procedural act (issue 14): every mutating route handler performs a use case
 * and writes nothing itself; every use case is reached from the API and from the CLI, or
 * is listed in usecases/catalogue.ts as reached from one of them on purpose.
 */
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const routes = sourceFiles('app/api').filter((f) => f.endsWith('route.ts'));
const cliFiles = sourceFiles('cli');

/** "area.key" for every `alias.key` where alias is `import * as alias from '…/usecases/area'`. */
function reached(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const text = read(file);
    for (const m of text.matchAll(/import \* as (\w+) from '[^']*usecases\/(\w+)'/g)) {
      const [, alias, area] = m;
      for (const use of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))) found.add(`${area}.${use[1]}`);
    }
  }
  return found;
}

/** Mutating routes that perform no procedural act, and why. */
const NOT_ACTS: Record<string, string> = {
  'app/api/auth/[...nextauth]/route.ts': 'sign-in (next-auth)',
  'app/api/auth/logout/route.ts': 'sign-out ends a session, not a procedural act',
  'app/api/v1/sessions/route.ts': 'sign-out everywhere: sessions, not the procedure',
  'app/api/v1/committees/[committee]/imports/preview/route.ts':
    'reads a file and shows what an import would do; stores nothing',
};

describe('use cases are the one path for procedural acts', () => {
  it('has every mutating route handler perform a use case and write nothing itself', () => {
    const mutating = routes.filter((f) => /export const (POST|PUT|PATCH|DELETE)\b/.test(read(f)));
    expect(mutating.length).toBeGreaterThan(30);
    const bypassing = mutating
      .filter((f) => !(path.normalize(f) in NOT_ACTS))
      .filter((f) => {
        const text = read(f);
        return !/\bact\(/.test(text) || /from '@\/db\/commands\//.test(text) || /publishProcedureEvent/.test(text);
      });
    expect(bypassing).toEqual([]);
  });

  it('lists every use case of every area in the catalogue', async () => {
    for (const area of Object.keys(CATALOGUE)) {
      const mod = (await import(`@/usecases/${area}`)) as Record<string, { name?: unknown; run?: unknown }>;
      const useCases = Object.keys(mod).filter((k) => typeof mod[k]?.run === 'function');
      expect(useCases.sort(), area).toEqual(Object.keys(CATALOGUE[area]).sort());
    }
  });

  const api = reached(routes);
  const cli = reached(cliFiles);
  for (const [area, acts] of Object.entries(CATALOGUE)) {
    for (const [key, reach] of Object.entries(acts)) {
      it(`reaches ${area}.${key} from ${reach.api && reach.cli ? 'the API and the CLI' : reach.api ? 'the API (only, on purpose)' : 'the CLI (only, on purpose)'}`, () => {
        expect(api.has(`${area}.${key}`), 'from a route').toBe(reach.api);
        expect(cli.has(`${area}.${key}`), 'from a CLI command').toBe(reach.cli);
      });
    }
  }
});
