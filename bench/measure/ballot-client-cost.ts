/**
 * What B4's client costs by itself: 190 POSTs at once against a server that answers at once
 * (Node's http in a child process, a fixed 201 JSON), sent with Node's fetch and with B4's
 * lean client (load/http-connection.ts, one kept-alive connection per delegate), alternately
 * in one process. Per round: the client's CPU (process.cpuUsage) and the latencies it saw,
 * which on a 2-core machine shared with the server B4 would count as the server's.
 *
 *   node --import tsx bench/measure/ballot-client-cost.ts [rounds]
 *
 * Writes bench/results/<date>-ballot-client-cost.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HttpConnection } from '../load/http-connection';
import { describeMachine } from '../report';

const DELEGATES = 190;
const rounds = Math.min(Math.max(Number(process.argv[2]) || 6, 1), 100);
const body = JSON.stringify({ choice: 'yes' });
const headers = { authorization: `Bearer cnc_${'x'.repeat(43)}`, 'content-type': 'application/json' };

const SERVER = `
const http = require('node:http');
const answer = Buffer.from('{"voteId":"v","replaced":false,"ballotsCast":190}');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(201, { 'content-type': 'application/json', 'content-length': answer.length }); res.end(answer); });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

type Client = 'fetch' | 'lean';
interface Round {
  client: Client;
  round: number;
  cpuMs: number;
  p50Ms: number;
  p99Ms: number;
  allAnsweredMs: number;
}

async function main() {
  // The server in a process of its own, so the CPU counted here is the client's alone.
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/api/v1/votes/v/ballots`;
  const lean = await Promise.all(Array.from({ length: DELEGATES }, () => HttpConnection.open(base)));
  const send: Record<Client, (i: number) => Promise<unknown>> = {
    fetch: async () => (await fetch(url, { method: 'POST', headers, body })).json(),
    lean: async (i) => JSON.parse((await lean[i].request('POST', '/api/v1/votes/v/ballots', headers, body)).body),
  };
  const results: Round[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const client of (round % 2 ? ['fetch', 'lean'] : ['lean', 'fetch']) as Client[]) {
      const cpu = process.cpuUsage();
      const first = performance.now();
      const latencies = await Promise.all(
        Array.from({ length: DELEGATES }, async (_, i) => {
          const t0 = performance.now();
          await send[client](i);
          return performance.now() - t0;
        }),
      );
      const used = process.cpuUsage(cpu);
      latencies.sort((a, b) => a - b);
      const r = {
        client,
        round,
        cpuMs: Math.round((used.user + used.system) / 1000),
        p50Ms: Math.round(latencies[Math.floor(DELEGATES / 2)]),
        p99Ms: Math.round(latencies[Math.ceil(DELEGATES * 0.99) - 1]),
        allAnsweredMs: Math.round(performance.now() - first),
      };
      results.push(r);
      console.log(`round ${round} ${client}: client CPU ${r.cpuMs} ms, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  for (const c of lean) c.close();
  child.kill();
  const range = (client: Client, key: keyof Round) => {
    const xs = results.filter((r) => r.client === client).map((r) => r[key] as number);
    return `${Math.min(...xs)}–${Math.max(...xs)}`;
  };
  console.log('\n| client | CPU per round of 190 | p50 | p99 |\n|---|---:|---:|---:|');
  for (const client of ['fetch', 'lean'] as Client[])
    console.log(
      `| ${client} | ${range(client, 'cpuMs')} ms | ${range(client, 'p50Ms')} ms | ${range(client, 'p99Ms')} ms |`,
    );
  const file = path.join(
    'bench',
    'results',
    `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}-ballot-client-cost.json`,
  );
  fs.writeFileSync(file, JSON.stringify({ machine: describeMachine(), delegates: DELEGATES, results }, null, 2));
  console.log(`written to ${file}`);
}

void main();
