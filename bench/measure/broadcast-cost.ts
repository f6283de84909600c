/**
 * What one broadcast costs the relay's thread: a message written with ws's `send` to each
 * of N WebSocket clients on loopback sockets, the clients held by a child process (so their
 * reading is not counted here). Reports CPU time per write (user and kernel, from
 * process.cpuUsage: a busy machine inflates wall time much more than this) and what that
 * implies for a document with N clients at one broadcast every I ms — the floor under B1's
 * latency, since every update waits for the next broadcast (about I/2 on average, up to I).
 *
 *   node --import tsx bench/measure/broadcast-cost.ts [--clients 1000] [--rounds 400] [--json out.json]
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { WebSocketServer, WebSocket, type AddressInfo } from 'ws';

const CHILD = process.argv[2] === '--clients-of';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function holdClients(port: number, count: number) {
  let open = 0;
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
    ws.on('open', () => {
      if (++open === count) process.send?.('open');
    });
    ws.on('message', () => {});
    ws.on('error', () => {});
  }
}

async function measure() {
  const clients = flag('--clients', 1000);
  const rounds = flag('--rounds', 400);
  const wss = new WebSocketServer({ port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  const child = fork(process.argv[1], ['--clients-of', String((wss.address() as AddressInfo).port), String(clients)], {
    execArgv: process.execArgv,
  });
  await new Promise<void>((resolve) => child.on('message', () => resolve()));
  while (sockets.length < clients) await new Promise((r) => setTimeout(r, 20));

  // A typical merged update of B1 (a few keystrokes in a few paragraphs) is about 200 bytes.
  const message = new Uint8Array(200).fill(7);
  const runs: { cpuUsPerWrite: number; userUs: number; systemUs: number; wallMsPerBroadcast: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      for (const ws of sockets) ws.send(message);
      await new Promise((r) => setImmediate(r));
    }
    const used = process.cpuUsage(cpu);
    const writes = rounds * clients;
    runs.push({
      cpuUsPerWrite: (used.user + used.system) / writes,
      userUs: used.user / writes,
      systemUs: used.system / writes,
      wallMsPerBroadcast: (performance.now() - started) / rounds,
    });
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill();
  wss.close();
  const best = runs.reduce((a, b) => (a.cpuUsPerWrite <= b.cpuUsPerWrite ? a : b));
  const perBroadcastMs = (best.cpuUsPerWrite * clients) / 1000;
  const atInterval = [5, 10, 15, 20].map((ms) => ({
    intervalMs: ms,
    broadcastsPerSecond: 1000 / ms,
    shareOfOneCore: (perBroadcastMs * (1000 / ms)) / 1000,
  }));
  const result = { clients, rounds, loadAverage: loadavg(), runs, best, perBroadcastMs, atInterval };
  console.log(
    `${clients} clients: ${best.cpuUsPerWrite.toFixed(2)} µs of CPU a write (${best.userUs.toFixed(2)} user, ${best.systemUs.toFixed(2)} kernel), ${perBroadcastMs.toFixed(1)} ms a broadcast (best of ${runs.length} runs of ${rounds}; load ${loadavg()[0].toFixed(1)})`,
  );
  for (const a of atInterval)
    console.log(
      `  one broadcast every ${a.intervalMs} ms: ${(a.shareOfOneCore * 100).toFixed(0)} % of a core for writing alone`,
    );
  const out = process.argv.indexOf('--json');
  if (out > 0) writeFileSync(process.argv[out + 1], JSON.stringify(result, null, 2));
  process.exit(0);
}

if (CHILD) void holdClients(Number(process.argv[3]), Number(process.argv[4]));
else void measure();
