import type { IncomingMessage } from 'node:http';

/**
 * Browsers send Origin on WebSocket upgrades and attach the session cookie whatever page
 * opened the socket, so a foreign page could otherwise edit in a delegate's name. Clients
 * that are not browsers (scripts with an API token) send no Origin and are let through.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowedOrigins.includes(parsed.origin)) return true;
  // Same origin as the request itself (the app's own pages, whatever host name was used).
  const host = req.headers.host;
  return !!host && parsed.host === host;
}
