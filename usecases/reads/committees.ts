import type { Committee } from '../../db/schema';
import type { Queryable } from '../../db/client';
import { listDelegations } from '../../db/queries/committees';

export const presentCommittee = (c: Committee) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  sessionLabel: c.sessionLabel,
  place: c.place,
});

/** What the committee pages read: the committee with the viewer's role, its roster, its members. */
export { committeeForUser, listDelegations, listMembers } from '../../db/queries/committees';

/** The committee's delegations by name, as pickers and co-sponsor lists show them. */
export async function delegationRoster(db: Queryable, committeeId: string): Promise<{ id: string; name: string }[]> {
  return (await listDelegations(db, committeeId)).map((d) => ({ id: d.id, name: d.name }));
}
