import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import { runCliCommand, type CliIo } from '../cli/commands';
import { log } from './log';

/**
 * While the server holds the PGlite data folder, no other process may open it, so the CLI
 * sends its commands here instead and they run inside the server, on its database. Only a
 * process that can read the lock file (mode 0600) knows the secret, and only from this
 * machine: this is a local administration channel, not part of the public API.
 */
export const CLI_BRIDGE_PATH = '/__concord/cli';
export const CLI_SECRET_HEADER = 'x-concord-cli-secret';
/** Import files are at most 2 MB; base64 and the JSON around them fit well within 5 MB. */
export const MAX_CLI_REQUEST_BYTES = 5 * 1024 * 1024;

export interface CliBridgeRequest {
  argv: string[];
  /** Files the command reads, by the path given on the command line, base64-encoded. */
  files: Record<string, string>;
}

export interface CliBridgeResponse {
  code: number;
  out: string[];
  err: string[];
}

export interface CliBridgeOptions {
  getDb: () => Promise<Db>;
  secret: string;
}

/** Hashing first gives equal lengths, so the comparison takes the same time for any guess. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // drain, so the 413 can be sent on a healthy connection
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseRequest(raw: Buffer): CliBridgeRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { argv, files } = value as { argv?: unknown; files?: unknown };
  if (!Array.isArray(argv) || !argv.every((a): a is string => typeof a === 'string')) return null;
  const fileMap = files ?? {};
  if (typeof fileMap !== 'object' || fileMap === null || Array.isArray(fileMap)) return null;
  if (!Object.values(fileMap).every((v) => typeof v === 'string')) return null;
  return { argv, files: fileMap as Record<string, string> };
}

export function createCliBridge(opts: CliBridgeOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== CLI_BRIDGE_PATH) return false;
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      reply(res, 405, { error: 'POST only' });
      return true;
    }
    const given = req.headers[CLI_SECRET_HEADER];
    if (!isLoopback(req.socket.remoteAddress) || typeof given !== 'string' || !sameSecret(given, opts.secret)) {
      reply(res, 403, {
        error: 'The CLI secret does not match this server (read it from the lock file in the data folder).',
      });
      req.resume();
      return true;
    }
    void handle(req, res, opts);
    return true;
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: CliBridgeOptions): Promise<void> {
  let request: CliBridgeRequest | null;
  try {
    request = parseRequest(await readBody(req, MAX_CLI_REQUEST_BYTES));
  } catch (e) {
    if (e instanceof TooLarge)
      reply(res, 413, { error: `The command is larger than ${MAX_CLI_REQUEST_BYTES / 1024 / 1024} MB.` });
    else if (!res.headersSent) reply(res, 400, { error: 'The request could not be read.' });
    return;
  }
  if (!request) {
    reply(res, 400, { error: 'Expected JSON {argv: string[], files: {path: base64}}.' });
    return;
  }
  const files = request.files;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const io: CliIo = {
      db: await opts.getDb(),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: (path) => {
        if (!Object.hasOwn(files, path)) throw new Error(`${path} was not sent with the command`);
        return new Uint8Array(Buffer.from(files[path], 'base64'));
      },
    };
    const code = await runCliCommand(request.argv, io);
    reply(res, 200, { code, out, err } satisfies CliBridgeResponse);
  } catch (e) {
    log('cli-bridge').error({ err: e, command: request.argv[0] }, 'command failed');
    reply(res, 500, {
      code: 1,
      out,
      err: [...err, 'error: the server could not run the command (see its log)'],
    } satisfies CliBridgeResponse);
  }
}
