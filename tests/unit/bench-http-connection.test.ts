import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConnection } from '../../bench/load/http-connection';

/**
 * B4's lean client (bench/load/http-connection.ts) against Node's own HTTP server: it must
 * read every answer whole whatever its framing, keep one connection per client, and never
 * take a half answer for a whole one — the ballot latencies are measured with it.
 */
let server: http.Server;
let base: string;
const connections = new Set<unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/chunked') {
        // No Content-Length: Node sends it chunked, in the pieces written.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"parts":');
        setTimeout(() => res.end(`["a","${'é'.repeat(5000)}"]}`), 20);
      } else if (req.url === '/close') {
        res.writeHead(200, { connection: 'close', 'content-length': 2 });
        res.end('ok');
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': 100 });
        res.write('only part of it');
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        const answer = JSON.stringify({ method: req.method, url: req.url, body, auth: req.headers.authorization });
        res.writeHead(req.method === 'POST' ? 201 : 200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(answer),
        });
        res.end(answer);
      }
    });
  });
  server.on('connection', (socket) => {
    connections.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("B4's lean HTTP client", () => {
  it('sends requests over one kept-alive connection and reads answers by their length', async () => {
    const before = connections.size;
    const c = await HttpConnection.open(base);
    const a = await c.request('POST', '/api/v1/votes/x/ballots', { authorization: 'Bearer t' }, '{"choice":"yes"}');
    expect(a.status).toBe(201);
    expect(JSON.parse(a.body)).toEqual({
      method: 'POST',
      url: '/api/v1/votes/x/ballots',
      body: '{"choice":"yes"}',
      auth: 'Bearer t',
    });
    const b = await c.request('GET', '/api/v1/votes/x', {});
    expect(b.status).toBe(200);
    expect(JSON.parse(b.body).method).toBe('GET');
    expect(connections.size - before).toBe(1);
    c.close();
  });

  it('reads a chunked answer whole, across packets and multi-byte characters', async () => {
    const c = await HttpConnection.open(base);
    const a = await c.request('GET', '/chunked', {});
    expect(JSON.parse(a.body)).toEqual({ parts: ['a', 'é'.repeat(5000)] });
    // The connection is still usable after a chunked answer.
    expect((await c.request('GET', '/after', {})).status).toBe(200);
    c.close();
  });

  it('opens a new connection after the server said "connection: close"', async () => {
    const before = connections.size;
    const c = await HttpConnection.open(base);
    expect((await c.request('GET', '/close', {})).body).toBe('ok');
    expect((await c.request('GET', '/again', {})).status).toBe(200);
    expect(connections.size - before).toBe(2);
    c.close();
  });

  it('fails a request whose answer is cut off, rather than answering with part of it', async () => {
    const c = await HttpConnection.open(base);
    await expect(c.request('GET', '/cut', {})).rejects.toThrow(/closed the connection/);
    c.close();
  });
});
