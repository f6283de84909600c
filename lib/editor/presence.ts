/**
 * Who is in a document, as the editor shows it: one colour per delegation, so a room full
 * of carets reads as "Iran is typing in OP 4", not as one colour per browser tab. People
 * who speak for no delegation (chair, secretariat, observers) share a neutral grey.
 */

export interface PresenceUser {
  name: string;
  delegation: string | null;
  role: string;
  color: string;
}

/**
 * Dark enough for white caret labels (contrast ≥ 4.5:1) and far apart in hue. Grey is kept
 * out of it: it means "no delegation".
 */
export const DELEGATION_PALETTE = [
  '#b3261e', // red
  '#1a5fb4', // blue
  '#1e7a3c', // green
  '#8c3aa6', // purple
  '#a34400', // orange
  '#0b6f78', // teal
  '#a3195b', // magenta
  '#5a5200', // olive
  '#3949ab', // indigo
  '#7a4a1e', // brown
] as const;

export const NEUTRAL_COLOR = '#5f6670';

/** FNV-1a: stable across browsers and reloads, so Iran is the same colour for everyone. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function delegationColor(delegation: string | null | undefined): string {
  const name = delegation?.trim().toLowerCase();
  if (!name) return NEUTRAL_COLOR;
  return DELEGATION_PALETTE[hash(name) % DELEGATION_PALETTE.length];
}

/** The awareness `user` field every editor publishes. */
export function presenceUser(user: { name: string; delegation: string | null; role: string }): PresenceUser {
  const speaksForDelegation = user.role === 'member' && !!user.delegation;
  return {
    name: user.name,
    delegation: user.delegation,
    role: user.role,
    color: speaksForDelegation ? delegationColor(user.delegation) : NEUTRAL_COLOR,
  };
}

/** "Ali Rezaei (Iran)" or "Jane Doe (secretariat)": how a caret and the presence list name someone. */
export function presenceLabel(user: Pick<PresenceUser, 'name' | 'delegation' | 'role'>): string {
  const who = user.delegation || user.role;
  // "Name · Delegation": parentheses nest badly with names like "Iran (Islamic Rep. of)".
  return who ? `${user.name} · ${who}` : user.name;
}

/** Reads a remote awareness state defensively: it is input from another browser. */
export function readPresenceUser(state: unknown): PresenceUser | null {
  const user = (state as { user?: unknown } | null)?.user as Record<string, unknown> | undefined;
  if (!user || typeof user.name !== 'string' || !user.name.trim()) return null;
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : null);
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : NEUTRAL_COLOR;
  return {
    name: user.name.slice(0, 120),
    delegation: str(user.delegation, 120),
    role: str(user.role, 40) ?? '',
    color,
  };
}
