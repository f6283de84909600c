/**
 * Where a user may be sent after signing in: a path on this site, nothing else. Browsers
 * read "/\evil.example" and "/\t/evil.example" as "//evil.example" (another site), so the
 * value is judged by what a browser would make of it, not by its first characters.
 */
const MAX_LENGTH = 2048;
// Backslashes and control characters (tab and newline are silently dropped by URL parsers)
// are never needed in a Concord path and are how "/" checks are slipped past.
const SUSPICIOUS = /[\\\p{Cc}]/u;
const PROBE_ORIGIN = 'http://concord.invalid';

/**
 * The same-origin path to follow, or `fallback`. `value` may be a path ("/committees/x?y")
 * or an absolute URL on `siteOrigin` (next-auth passes those); anything that would leave the
 * site — another host, a protocol-relative "//host", an encoded or backslashed variant of
 * either, another scheme — gives `fallback`.
 */
export function safeCallbackPath(value: unknown, siteOrigin: string | null = null, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return fallback;
  let candidate = value;
  if (!value.startsWith('/')) {
    if (!siteOrigin) return fallback;
    let absolute: URL;
    try {
      absolute = new URL(value);
    } catch {
      return fallback;
    }
    if (absolute.origin !== new URL(siteOrigin).origin) return fallback;
    candidate = absolute.pathname + absolute.search + absolute.hash;
  }
  if (SUSPICIOUS.test(candidate) || candidate.startsWith('//')) return fallback;
  // Percent-encoded slashes and backslashes are decoded by some servers and proxies before
  // routing; a path that only makes sense decoded is not one of ours.
  if (/^\/(%2f|%5c)/i.test(candidate)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(candidate, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (parsed.origin !== PROBE_ORIGIN || parsed.pathname.startsWith('//')) return fallback;
  return parsed.pathname + parsed.search + parsed.hash;
}
