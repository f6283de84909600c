import type { Role } from '@/lib/permissions';

export const ROLE_NAMES: Record<Role, string> = {
  chair: 'chair',
  secretariat: 'secretariat',
  member: 'a member',
  observer: 'an observer',
  translator: 'a translator',
};

// Dates are written one way across the app: "1 April 2010, 14:05 UTC".
export { formatDate, formatDateTime } from './dates';
