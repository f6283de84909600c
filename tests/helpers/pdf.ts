import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs a poppler tool (pdftotext, pdffonts) on the bytes of a PDF; stdout as UTF-8. */
export function poppler(tool: 'pdftotext' | 'pdffonts', bytes: Uint8Array, args: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    const out = tool === 'pdftotext' ? [...args, '-enc', 'UTF-8', file, '-'] : [...args, file];
    const r = spawnSync(tool, out, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext gives it back, every run of whitespace (no-break spaces too) one space. */
export const pdfWords = (bytes: Uint8Array) => poppler('pdftotext', bytes, ['-layout']).replace(/\s+/g, ' ').trim();
