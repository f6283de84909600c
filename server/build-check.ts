import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` must work on a fresh clone with no separate build command, yet not rebuild
 * on every start: the production build is keyed by a hash of everything it is made from.
 */
const INPUTS = ['app', 'lib', 'db', 'server', 'next.config.js', 'package-lock.json', 'tsconfig.json'];
const SKIP = new Set(['node_modules', '.next', '.data']);

/** Where Next writes its build (next.config.js reads the same variable). */
export const distDir = () => process.env.CONCORD_NEXT_DIST || '.next';

function walk(root: string, rel: string, out: string[]) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isFile()) {
    out.push(rel);
    return;
  }
  for (const name of fs.readdirSync(full).sort()) {
    if (!SKIP.has(name) && !name.startsWith('.next')) walk(root, path.join(rel, name), out);
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(root, input, files);
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f);
    hash.update(fs.readFileSync(path.join(root, f)));
  }
  return hash.digest('hex');
}

const stampPath = (root: string) => path.join(root, distDir(), 'concord-build-hash');

export function buildIsCurrent(root: string): boolean {
  try {
    return (
      fs.existsSync(path.join(root, distDir(), 'BUILD_ID')) &&
      fs.readFileSync(stampPath(root), 'utf8') === sourceHash(root)
    );
  } catch {
    return false;
  }
}

export function markBuilt(root: string, hash: string): void {
  fs.writeFileSync(stampPath(root), hash);
}
