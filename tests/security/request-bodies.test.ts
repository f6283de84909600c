import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInCookie } from '../collab/clients';
import { startConcord, type RunningConcord } from '../e2e/harness';

/**
 * Issue 11, "Every request body is bounded while it streams (chunked included)": before, a
 * 400 MB body sent chunked was read whole before the size check (+1.1 GB RSS). Now the
 * server refuses it with 413 once it passes the 3 MB limit, without keeping it, and keeps
 * answering others meanwhile — on every route that reads a body, API or not.
 */
const MB = 1024 * 1024;
const LIMIT = 3 * MB;

let server: RunningConcord;
let token: string;
let resolutionId: string;

beforeAll(async () => {
  server = await startConcord();
  token = await apiToken(server.url, await signInCookie(server.url, 'secretariat@example.org'));
  const list = await fetch(`${server.url}/api/v1/committees/peace-security/resolutions`, {
    headers: { authorization: `Bearer ${token}` },
  });
  resolutionId = ((await list.json()) as { resolutions: { id: string }[] }).resolutions[0].id;
});
afterAll(() => server?.stop());

/** The server's peak resident memory so far (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

interface UploadResult {
  status: number;
  body: string;
  /** Bytes written before the answer came (or the connection closed). */
  sent: number;
}

/**
 * POSTs `total` bytes chunked (no Content-Length), 64 KB at a time, as fast as the server
 * takes them; stops writing when the answer arrives. `pause` runs once `pauseAt` bytes are out.
 */
function chunkedUpload(
  path: string,
  headers: Record<string, string>,
  total: number,
  pause?: { at: number; run: () => Promise<void> },
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let result: UploadResult | null = null;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const req = http.request(`${server.url}${path}`, { method: 'POST', headers });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        result = { status: res.statusCode ?? 0, body, sent };
        resolve(result);
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server closes the connection after its 413: writes then fail, which is expected.
    req.on('error', (e) => {
      if (!answered) reject(new Error(`no answer after ${sent} bytes: ${e.message}`));
    });
    const write = async () => {
      req.write('{"text":"');
      while (sent < total && !answered && !req.destroyed) {
        if (pause && sent >= pause.at) {
          const run = pause.run;
          pause = undefined;
          await run();
        }
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r).once('close', r));
      }
      if (!answered && !req.destroyed) req.end('"}');
    };
    void write();
  });
}

describe('a request body larger than the limit', () => {
  it('sent chunked (400 MB) is refused with 413 without being buffered, while the server answers others', async () => {
    const before = peakRss(server.process.pid!);
    let meanwhile: number | null = null;
    const result = await chunkedUpload(
      `/api/v1/resolutions/${resolutionId}/reservations`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      400 * MB,
      {
        // 1 MB in, the upload is still going: another member's request is answered.
        at: MB,
        run: async () => {
          const res = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
          meanwhile = res.status;
        },
      },
    );
    expect(meanwhile).toBe(200);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.code).toBe('too_large:body');
    // Refused as soon as it passed the limit, not after all 400 MB were read.
    expect(result.sent).toBeLessThan(64 * MB);
    expect(peakRss(server.process.pid!) - before).toBeLessThan(64 * MB);
    // And the server is fine afterwards.
    const after = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
  });

  it.each([
    [
      'the .docx/.txt upload (imports/preview)',
      '/api/v1/committees/peace-security/imports/preview',
      'application/json',
    ],
    ['resolution creation (import)', '/api/v1/committees/peace-security/resolutions', 'application/json'],
    ['the sign-in form', '/api/auth/callback/credentials', 'application/x-www-form-urlencoded'],
    ['a page', '/signin', 'application/x-www-form-urlencoded'],
  ])('sent chunked to %s is refused with 413', async (_, path, type) => {
    const result = await chunkedUpload(path, { authorization: `Bearer ${token}`, 'content-type': type }, 100 * MB);
    expect(result.status).toBe(413);
    expect(result.sent).toBeLessThan(64 * MB);
  });

  it('declared in Content-Length is refused at once, before any of it is sent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/api/v1/resolutions/${resolutionId}/reservations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': String(400 * MB),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders(); // headers only: the body never comes
    });
    expect(status).toBe(413);
  });

  it('just under the limit still reaches the route (which judges its content)', async () => {
    const text = 'x'.repeat(LIMIT - 200);
    const res = await fetch(`${server.url}/api/v1/committees/peace-security/imports/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    // Not 413: the route read it and refused it for what it says (2 MB text limit).
    expect(res.status).toBe(400);
  });
});

describe('a route handler reading a streamed body', () => {
  it('stops reading at the limit (413) instead of buffering the whole stream', async () => {
    const { readJson } = await import('@/app/api/v1/_lib/endpoint');
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 400 * MB) return controller.close();
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    // What Next hands a route when no Content-Length was sent: a stream of unknown length.
    const request = new Request('http://localhost/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await expect(readJson(request)).rejects.toMatchObject({ code: 'too_large:body' });
    expect(pulled).toBeLessThan(LIMIT + MB);
  });
});
