import type { Db } from '../../db/client';
import * as roster from '../../db/commands/committee-roster';
import { committeeForUser, findCommittee } from '../../db/queries/committees';
import { notFound } from '../../lib/errors';
import type { Role } from '../../lib/permissions';
import type { Actor } from '../kernel/actor';
import { authorize, defineUseCase } from '../kernel/use-case';

/**
 * The committee's roster: delegations and who sits in them with which role. The presiding
 * officers manage it through the API; the operator (the CLI) manages it for any committee.
 * A changed or removed membership re-checks that user's open sockets ("member.changed").
 */
async function managing(db: Db, actor: Actor, committeeRef: string) {
  if (actor.kind === 'operator') {
    const committee = await findCommittee(db, committeeRef);
    if (!committee) throw notFound('committee', `No committee "${committeeRef}".`);
    return committee;
  }
  const { committee, actor: member } = await committeeForUser(db, actor.userId, committeeRef);
  authorize(member, 'committee:manage', {});
  return committee;
}

type InCommittee = { committee: string };

export const addDelegation = defineUseCase(
  'roster.add-delegation',
  async ({ db }, actor, input: InCommittee & { name: string; voteWeight?: number }) => {
    const committee = await managing(db, actor, input.committee);
    const delegation = await roster.addDelegation(db, committee.id, { name: input.name, voteWeight: input.voteWeight });
    return { result: { committee, delegation }, events: [] };
  },
);

export const updateDelegation = defineUseCase(
  'roster.update-delegation',
  async ({ db }, actor, input: InCommittee & { delegationId: string; name?: string; voteWeight?: number }) => {
    const committee = await managing(db, actor, input.committee);
    const { name, voteWeight } = input;
    return {
      result: await roster.updateDelegation(db, committee.id, input.delegationId, { name, voteWeight }),
      events: [],
    };
  },
);

export const removeDelegation = defineUseCase(
  'roster.remove-delegation',
  async ({ db }, actor, input: InCommittee & { delegationId: string }) => {
    const committee = await managing(db, actor, input.committee);
    await roster.removeDelegation(db, committee.id, input.delegationId);
    return { result: { ok: true }, events: [] };
  },
);

export const addMember = defineUseCase(
  'roster.add-member',
  async (
    { db },
    actor,
    input: InCommittee & { email: string; role: Role; delegationId?: string | null; name?: string; password?: string },
  ) => {
    const { committee: ref, ...props } = input;
    const committee = await managing(db, actor, ref);
    const member = await roster.addMember(db, committee.id, props);
    return { result: { committee, member }, events: [{ type: 'member.changed', userId: member.userId }] };
  },
);

export const changeMember = defineUseCase(
  'roster.change-member',
  async ({ db }, actor, input: InCommittee & { userId: string; role: Role; delegationId?: string | null }) => {
    const committee = await managing(db, actor, input.committee);
    const member = await roster.changeMember(db, committee.id, input.userId, {
      role: input.role,
      delegationId: input.delegationId,
    });
    // Open editors of this user lose (or gain) write access now, not on reconnect.
    return { result: { committee, member }, events: [{ type: 'member.changed', userId: input.userId }] };
  },
);

export const removeMember = defineUseCase(
  'roster.remove-member',
  async ({ db }, actor, input: InCommittee & { userId: string }) => {
    const committee = await managing(db, actor, input.committee);
    await roster.removeMember(db, committee.id, input.userId);
    return { result: { committee }, events: [{ type: 'member.changed', userId: input.userId }] };
  },
);
