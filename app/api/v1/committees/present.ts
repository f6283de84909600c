import type { Committee } from '@/db/schema';

export const present = (c: Committee) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  sessionLabel: c.sessionLabel,
  place: c.place,
});
