/**
 * Metric labels must be few: a request path becomes its route template, ids and committee
 * slugs replaced by placeholders, and any path that matched nothing (404: scanners, typos)
 * shares one label.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPAQUE = /^(?:\d+|[A-Za-z0-9_-]{24,})$/;

export function routeTemplate(path: string, status: number): string {
  if (path.startsWith('/_next/')) return '/_next/*';
  if (status === 404) return 'unmatched';
  const segments = path.split('/').slice(1, 10);
  const template = segments.map((segment, i) => {
    if (UUID.test(segment) || OPAQUE.test(segment)) return ':id';
    if (segments[i - 1] === 'committees') return ':committee';
    return segment.length > 40 ? ':long' : segment;
  });
  return `/${template.join('/')}`;
}

/** The resolution a request is about, when its path names one. */
export function resolutionIdIn(path: string): string | undefined {
  const m = /\/resolutions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i.exec(path);
  return m?.[1];
}
