import type { Role } from '@/lib/permissions';

export const ROLE_NAMES: Record<Role, string> = {
  chair: 'chair',
  secretariat: 'secretariat',
  member: 'a member',
  observer: 'an observer',
  translator: 'a translator',
};

export function formatDateTime(d: Date | string): string {
  return `${new Date(d).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
}
