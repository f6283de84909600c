import type { IncomingMessage, ServerResponse } from 'node:http';
import { bareResponseHeaders } from './security-headers';

/**
 * Request bodies are bounded while they stream in (issue 11.4). The largest body Concord
 * accepts is an import: a 2 MB text, or a 2 MB file as base64 in JSON (2.7 MB), so 3 MB
 * covers every route; /api/v1 checks the same limit again as it reads (endpoint.ts).
 *
 * Why here, in front of Next, and not only in the route: Next's proxy (proxy.ts) copies every
 * request body before the route sees it, reading all of it — 400 MB sent chunked were read
 * whole, 10 MB of it kept, before any route could say no. A declared Content-Length over the
 * limit is refused at once, unread; a chunked body is counted as it arrives and refused when
 * it passes the limit: nothing more is kept, the 413 goes out and the connection is closed.
 */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export const tooLargeMessage = (limit: number) =>
  `The request body is larger than the limit of ${limit / 1024 / 1024} MB.`;

/**
 * Call before handing the request on. Returns true when it was refused (the 413 is sent);
 * otherwise the request goes on, and is refused later if its chunks pass the limit.
 */
export function refuseOversizedBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_REQUEST_BODY_BYTES,
): boolean {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    refuse(req, res, limit);
    return true;
  }
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return false; // no body
  countAsItArrives(req, res, limit);
  return false;
}

/**
 * Node's HTTP parser hands each chunk of the body to the request stream's push(): counting
 * there sees the bytes before anyone (Next's copy, a route) can buffer them, without reading
 * the stream ourselves (which would take the chunks from the route).
 */
function countAsItArrives(req: IncomingMessage, res: ServerResponse, limit: number) {
  let received = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null || chunk === undefined) return refused ? false : push(chunk, encoding);
    received += (chunk as { length: number }).length;
    if (refused) {
      // Dropped. What the client sent before it saw the 413 is read and thrown away (closing
      // on unread data would reset the connection, and the client could lose the answer),
      // but only so much of it.
      if (received > limit + LINGER_BYTES) req.socket.destroy();
      return true;
    }
    if (received > limit) {
      refused = true;
      refuse(req, res, limit);
      return true;
    }
    return push(chunk, encoding);
  };
}

/**
 * How much more of a refused body is read (and dropped), and for how long, before closing.
 * 8 MB was too little on a busy machine: a client writing as fast as loopback allows had
 * sent 13.5 MB before it read the 413, and the reset lost it the answer (EPIPE).
 */
const LINGER_BYTES = 32 * 1024 * 1024;
const LINGER_MS = 5_000;

function refuse(req: IncomingMessage, res: ServerResponse, limit: number) {
  const socket = req.socket;
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
  // No further request on this connection: FIN once the answer is out; the socket closes
  // when the client closes its side, or when lingering ends.
  const finish = () => socket.end();
  if (res.headersSent) {
    // The route answered already without waiting for its body: just stop receiving it.
    if (res.writableFinished) finish();
    else res.once('finish', finish);
    return;
  }
  const body = JSON.stringify({ error: { code: 'too_large:body', message: tooLargeMessage(limit) } });
  // No "Connection: close": Node would destroy the socket right after the answer, on unread
  // data, and the reset can reach the client before the answer does.
  res.writeHead(413, {
    ...bareResponseHeaders((process.env.NEXTAUTH_URL ?? '').startsWith('https:')),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body, finish);
}
