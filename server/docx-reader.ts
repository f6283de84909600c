import { Worker } from 'node:worker_threads';
import { DOCX_LIMITS, type DocxLimits, type DocxReader, type DocxReading } from '../lib/resolution/docx';

/**
 * Reads uploaded .docx files off the server's thread: each in a worker of its own with a
 * memory cap (resourceLimits) and a time bound, at most `concurrency` at once (the others
 * wait their turn), so a zip bomb or a pathological document costs one worker, and
 * everyone else's requests are answered meanwhile. The checks themselves (central
 * directory before inflating, declared sizes enforced, XML depth) are in the worker.
 */
const WORKER_URL = new URL('./docx-reader-worker.mjs', import.meta.url);

export function createDocxReader(limits: DocxLimits = DOCX_LIMITS, concurrency = 2): DocxReader {
  let running = 0;
  const waiting: (() => void)[] = [];
  const turn = () =>
    running < concurrency ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve));

  const readOne = (bytes: Uint8Array) =>
    new Promise<DocxReading>((resolve) => {
      const copy = bytes.slice(); // transferred: the caller keeps its own bytes
      const worker = new Worker(WORKER_URL, {
        workerData: { bytes: copy.buffer, limits },
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
      });
      let settled = false;
      const finish = (reading: DocxReading) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(reading);
      };
      const timer = setTimeout(
        () =>
          finish({
            ok: false,
            reason: 'too_large',
            message: `reading it took longer than ${limits.timeMs / 1000} s (the limit)`,
          }),
        limits.timeMs,
      );
      worker.on('message', (reading: DocxReading) => finish(reading));
      worker.on('error', (e: Error & { code?: string }) =>
        finish(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                ok: false,
                reason: 'too_large',
                message: `reading it needs more than ${limits.memoryMb} MB (the limit)`,
              }
            : { ok: false, reason: 'invalid', message: `it could not be read (${e.message})` },
        ),
      );
      worker.on('exit', () => finish({ ok: false, reason: 'invalid', message: 'reading it stopped unexpectedly' }));
    });

  return async (bytes) => {
    await turn();
    running += 1;
    try {
      return await readOne(bytes);
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

const KEY = Symbol.for('concord.docxReader');
type WithReader = typeof globalThis & { [KEY]?: DocxReader };

/**
 * The process's reader: one queue for every caller (routes, CLI bridge), kept on globalThis
 * because Next loads route handlers in bundles of their own (DESIGN.md, "One process, one
 * of each"), and a second queue would double what uploads may hold at once.
 */
export function docxReader(): DocxReader {
  const g = globalThis as WithReader;
  g[KEY] ??= createDocxReader(limitsFromEnv());
  return g[KEY];
}

function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): DocxLimits {
  const n = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    maxEntries: n('CONCORD_DOCX_MAX_ENTRIES', DOCX_LIMITS.maxEntries),
    maxUncompressedBytes:
      n('CONCORD_DOCX_MAX_INFLATED_MB', DOCX_LIMITS.maxUncompressedBytes / 1024 / 1024) * 1024 * 1024,
    maxXmlDepth: n('CONCORD_DOCX_MAX_XML_DEPTH', DOCX_LIMITS.maxXmlDepth),
    timeMs: n('CONCORD_DOCX_TIME_MS', DOCX_LIMITS.timeMs),
    memoryMb: n('CONCORD_DOCX_MEMORY_MB', DOCX_LIMITS.memoryMb),
  };
}
