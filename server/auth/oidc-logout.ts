import { log } from '../log';
import type { OidcSettings } from './oidc';

/**
 * RP-initiated logout: after Concord's own session ends, the browser is sent to the
 * provider's end_session_endpoint (when its discovery document names one) with the ID
 * token as id_token_hint, and comes back to the sign-in page. Without it, the next person
 * at a shared terminal who clicks single sign-on is let in as the previous one.
 */
const DISCOVERY_TIMEOUT_MS = 3000;
const CACHE_MS = 5 * 60_000;

const cache = new Map<string, { endpoint: string | null; at: number }>();

async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const hit = cache.get(issuer);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.endpoint;
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`discovery answered ${res.status}`);
  const doc = (await res.json()) as { end_session_endpoint?: unknown };
  const endpoint = typeof doc.end_session_endpoint === 'string' ? doc.end_session_endpoint : null;
  cache.set(issuer, { endpoint, at: Date.now() });
  return endpoint;
}

export type ProviderLogout = { url: string } | { url: null; reason: 'not-offered' | 'unreachable' };

export async function providerLogout(
  settings: OidcSettings,
  idToken: string,
  postLogoutRedirect: string,
): Promise<ProviderLogout> {
  let endpoint: string | null;
  try {
    endpoint = await endSessionEndpoint(settings.issuer);
  } catch (e) {
    log('auth').warn(
      { issuer: settings.issuer, err: e instanceof Error ? e.message : String(e) },
      'sign-out: the provider could not be reached to end its session',
    );
    return { url: null, reason: 'unreachable' };
  }
  if (!endpoint) return { url: null, reason: 'not-offered' };
  const url = new URL(endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirect);
  url.searchParams.set('client_id', settings.clientId);
  return { url: url.toString() };
}
