import { and, asc, eq, or } from 'drizzle-orm';
import type { Queryable } from '../client';
import { committees, delegations, memberships, users, type Committee } from '../schema';
import { isUuid } from './access';
import { notFound } from '../../lib/errors';
import type { Actor, Role } from '../../lib/permissions';

export interface CommitteeWithRole {
  committee: Committee;
  role: Role;
  delegation: { id: string; name: string } | null;
}

export async function listCommitteesForUser(db: Queryable, userId: string): Promise<CommitteeWithRole[]> {
  const rows = await db
    .select({
      committee: committees,
      role: memberships.role,
      delegationId: delegations.id,
      delegationName: delegations.name,
    })
    .from(memberships)
    .innerJoin(committees, eq(committees.id, memberships.committeeId))
    .leftJoin(delegations, eq(delegations.id, memberships.delegationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(committees.name));
  return rows.map((r) => ({
    committee: r.committee,
    role: r.role as Role,
    delegation: r.delegationId ? { id: r.delegationId, name: r.delegationName! } : null,
  }));
}

export async function findCommittee(db: Queryable, idOrSlug: string): Promise<Committee | null> {
  const [row] = await db
    .select()
    .from(committees)
    .where(
      isUuid(idOrSlug) ? or(eq(committees.id, idOrSlug), eq(committees.slug, idOrSlug)) : eq(committees.slug, idOrSlug),
    );
  return row ?? null;
}

/**
 * A committee as one user sees it. Someone with no role there gets the same 404 as for a
 * committee that does not exist: outsiders learn nothing.
 */
export async function committeeForUser(db: Queryable, userId: string, idOrSlug: string) {
  const committee = await findCommittee(db, idOrSlug);
  if (!committee) throw notFound('committee');
  const [m] = await db
    .select({ role: memberships.role, delegationId: memberships.delegationId })
    .from(memberships)
    .where(and(eq(memberships.committeeId, committee.id), eq(memberships.userId, userId)));
  if (!m) throw notFound('committee');
  const actor: Actor = { userId, role: m.role as Role, delegationId: m.delegationId };
  return { committee, actor };
}

export async function listDelegations(db: Queryable, committeeId: string) {
  return db.select().from(delegations).where(eq(delegations.committeeId, committeeId)).orderBy(asc(delegations.name));
}

export async function listMembers(db: Queryable, committeeId: string) {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      delegationId: memberships.delegationId,
      delegationName: delegations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(delegations, eq(delegations.id, memberships.delegationId))
    .where(eq(memberships.committeeId, committeeId))
    .orderBy(asc(memberships.role), asc(users.name));
  return rows;
}
