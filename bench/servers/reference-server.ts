import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

/**
 * The protocol's reference server as its README runs it (src/server.js of
 * @y/websocket-server 0.1.1): every connection handed to setupWSConnection, in memory, no
 * auth, no persistence (YPERSISTENCE is not set). Only the port (0: any free one) and the
 * ready line differ, so the benchmark can start it on a free port.
 */
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

wss.on('connection', setupWSConnection);

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `reference y-websocket server listening on port ${typeof address === 'object' && address ? address.port : '?'}`,
  );
});

process.once('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});
