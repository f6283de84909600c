import fs from 'node:fs';
import path from 'node:path';

/**
 * The project's own import graph, read from the sources: every `import … from '…'`,
 * `export … from '…'` and `import('…')` of app/, cli/, db/, lib/, server/ and usecases/,
 * resolved to project files (packages are left out).
 */
export const root = path.resolve(import.meta.dirname, '..', '..');
export const LAYERS = ['app', 'cli', 'db', 'lib', 'server', 'usecases'] as const;

const SPECIFIER =
  /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...sourceFiles(rel));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.join(path.dirname(from), specifier);
  else return null;
  for (const ext of ['', ...EXTENSIONS]) {
    const candidate = base.endsWith('.js') ? base.replace(/\.js$/, '.ts') : base + ext;
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.normalize(candidate);
  }
  return null;
}

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

export function importsOf(file: string): ImportEdge[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const specifier = m[1] ?? m[2] ?? m[3];
    const to = resolve(file, specifier);
    if (to) edges.push({ from: file, to, specifier });
  }
  return edges;
}

export function projectGraph(): Map<string, ImportEdge[]> {
  const graph = new Map<string, ImportEdge[]>();
  for (const layer of LAYERS) for (const file of sourceFiles(layer)) graph.set(file, importsOf(file));
  return graph;
}

export const layerOf = (file: string) => file.split(path.sep)[0];

/** Every import cycle, each as the files around it (found by depth-first search). */
export function cycles(graph: Map<string, ImportEdge[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { to } of graph.get(file) ?? []) {
      if (!graph.has(to)) continue;
      if (state.get(to) === 'open') found.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}
