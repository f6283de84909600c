import type { IncomingMessage } from 'node:http';
import { clientAddress, parseTrustProxy } from '../../lib/auth/client-address';

/**
 * The custom server knows the socket a request came in on; Next's route handlers do not.
 * So the server writes the client's address into a header of its own on every request,
 * after removing any such header the client sent, and sign-in reads it from there.
 */
export const CLIENT_ADDRESS_HEADER = 'x-concord-client-address';

/** Made once at start: an invalid CONCORD_TRUST_PROXY stops the server with its reason. */
export function clientAddressStamper(env: NodeJS.ProcessEnv = process.env): (req: IncomingMessage) => void {
  const trust = parseTrustProxy(env.CONCORD_TRUST_PROXY);
  return (req) => {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust);
  };
}

/** The stamped address; "unknown" when the request did not come through our server. */
export function clientAddressOf(headers: Record<string, string | string[] | undefined> | Headers): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) || 'unknown';
}
