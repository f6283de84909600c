/**
 * The security headers of every response (issue 11.8). The page's scripts run only with
 * the per-request nonce (Next puts it on its own scripts), so an injected <script> or
 * inline handler does nothing (the strict-CSP approach: scripts are what is locked down);
 * no page may frame Concord; the collaboration socket goes to the page's own origin.
 */
export interface SiteContext {
  /** The nonce of this response (base64). */
  nonce: string;
  /** host[:port] the browser asked for: the WebSocket connects back to it. */
  host: string | null;
  /** Served over HTTPS (NEXTAUTH_URL starts with https:). */
  https: boolean;
  /** Development: React needs eval for its error overlays. */
  dev: boolean;
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function contentSecurityPolicy(site: SiteContext): string {
  // 'self' covers ws:/wss: of the same host in current browsers; naming them keeps older
  // ones (and readers) clear about where the collaboration socket may go.
  const sockets = site.host && HOST.test(site.host) ? ` ws://${site.host} wss://${site.host}` : '';
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${site.nonce}' 'strict-dynamic'${site.dev ? " 'unsafe-eval'" : ''}`,
    // Styles are rendered at run time by React and the editor (reservation marks under a
    // paragraph, carets and presence colours, the editor's base styles): they carry no code,
    // and the scripts that could add more are the ones the nonce already holds back.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(site.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export function securityHeaders(site: SiteContext): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(site),
    'X-Content-Type-Options': 'nosniff',
    // Older browsers that do not read frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
    // Only this host: Concord may live on a subdomain and cannot speak for its siblings.
    ...(site.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The headers of a response that is not a page and is sent before Next sees the request
 * (a body refused for its size): it loads nothing and may not be framed.
 */
export function bareResponseHeaders(https: boolean): Record<string, string> {
  const { 'Content-Security-Policy': _page, ...rest } = securityHeaders({ nonce: '', host: null, https, dev: false });
  return { ...rest, 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" };
}
