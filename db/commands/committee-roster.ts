import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../client';
import { committees, delegations, memberships, users, type Committee } from '../schema';
import { findUserByEmail } from '../queries/access';
import { hashPassword } from '../../lib/auth/passwords';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { Role } from '../../lib/permissions';

/**
 * Committees, their delegations and who sits in them. Used by the API (chair and
 * secretariat), the CLI (administrators) and the demo seeder alike.
 */

function uniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

export async function createUser(db: Queryable, props: { email: string; name: string; password?: string }) {
  const email = props.email.trim().toLowerCase();
  if (await findUserByEmail(db, email)) throw conflict('user', `A user with the e-mail ${email} already exists.`);
  const passwordHash = props.password ? await hashPassword(props.password) : null;
  const [user] = await db.insert(users).values({ email, name: props.name.trim(), passwordHash }).returning();
  return user;
}

export async function setUserPassword(db: Queryable, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound('user', `No user with the e-mail ${email}.`);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, user.id));
}

export async function createCommittee(
  db: Queryable,
  props: { slug: string; name: string; sessionLabel?: string; place?: string },
): Promise<Committee> {
  try {
    const [row] = await db
      .insert(committees)
      .values({ slug: props.slug, name: props.name, sessionLabel: props.sessionLabel ?? '', place: props.place ?? '' })
      .returning();
    return row;
  } catch (e) {
    if (uniqueViolation(e)) throw conflict('committee', `A committee with the slug "${props.slug}" already exists.`);
    throw e;
  }
}

export async function addDelegation(db: Queryable, committeeId: string, props: { name: string; voteWeight?: number }) {
  try {
    const [row] = await db
      .insert(delegations)
      .values({ committeeId, name: props.name.trim(), voteWeight: props.voteWeight ?? 1 })
      .returning();
    return row;
  } catch (e) {
    if (uniqueViolation(e))
      throw conflict('delegation', `The delegation "${props.name}" already exists in this committee.`);
    throw e;
  }
}

export async function updateDelegation(
  db: Queryable,
  committeeId: string,
  delegationId: string,
  props: { name?: string; voteWeight?: number },
) {
  try {
    const [row] = await db
      .update(delegations)
      .set({
        ...(props.name ? { name: props.name.trim() } : {}),
        ...(props.voteWeight ? { voteWeight: props.voteWeight } : {}),
      })
      .where(and(eq(delegations.id, delegationId), eq(delegations.committeeId, committeeId)))
      .returning();
    if (!row) throw notFound('delegation');
    return row;
  } catch (e) {
    if (uniqueViolation(e))
      throw conflict('delegation', `The delegation "${props.name}" already exists in this committee.`);
    throw e;
  }
}

export async function removeDelegation(db: Queryable, committeeId: string, delegationId: string) {
  const [row] = await db
    .delete(delegations)
    .where(and(eq(delegations.id, delegationId), eq(delegations.committeeId, committeeId)))
    .returning({ id: delegations.id });
  if (!row) throw notFound('delegation');
}

async function checkDelegation(
  db: Queryable,
  committeeId: string,
  role: Role,
  delegationId: string | null | undefined,
) {
  if (role === 'member' && !delegationId) throw badRequest('membership', 'A member must belong to a delegation.');
  if (!delegationId) return null;
  const [d] = await db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.id, delegationId), eq(delegations.committeeId, committeeId)));
  if (!d) throw notFound('delegation', 'That delegation is not part of this committee.');
  return d.id;
}

export async function addMember(
  db: Queryable,
  committeeId: string,
  props: { email: string; role: Role; delegationId?: string | null; name?: string; password?: string },
) {
  let user = await findUserByEmail(db, props.email);
  if (!user) {
    if (!props.name)
      throw notFound('user', `No user with the e-mail ${props.email}; give a name (and a password) to create one.`);
    user = await createUser(db, { email: props.email, name: props.name, password: props.password });
  }
  const delegationId = await checkDelegation(db, committeeId, props.role, props.delegationId);
  try {
    const [row] = await db
      .insert(memberships)
      .values({ committeeId, userId: user.id, role: props.role, delegationId })
      .returning();
    return { ...row, email: user.email, name: user.name };
  } catch (e) {
    if (uniqueViolation(e))
      throw conflict('membership', `${user.email} is already in this committee; change their role instead.`);
    throw e;
  }
}

export async function changeMember(
  db: Queryable,
  committeeId: string,
  userId: string,
  props: { role: Role; delegationId?: string | null },
) {
  const delegationId = await checkDelegation(db, committeeId, props.role, props.delegationId);
  const [row] = await db
    .update(memberships)
    .set({ role: props.role, delegationId })
    .where(and(eq(memberships.committeeId, committeeId), eq(memberships.userId, userId)))
    .returning();
  if (!row) throw notFound('membership');
  return row;
}

export async function removeMember(db: Queryable, committeeId: string, userId: string) {
  const [row] = await db
    .delete(memberships)
    .where(and(eq(memberships.committeeId, committeeId), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  if (!row) throw notFound('membership');
}
