import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import { ROLES } from '@/lib/permissions';
import { INTERFACE_LOCALES } from '@/lib/i18n/locales';
import type { Operation } from '../_lib/openapi';

export const committeeParams = z.object({
  committee: freeText().min(1).max(200).meta({ description: 'Committee id or slug, e.g. peace-security' }),
});
export const delegationParams = committeeParams.extend({ delegationId: z.uuid() });
export const memberParams = committeeParams.extend({ userId: z.uuid() });

export const delegationBody = z.strictObject({
  name: freeText().trim().min(2).max(120),
  voteWeight: z.number().int().min(1).max(100000).optional(),
});
export const delegationPatch = z.strictObject({
  name: freeText().trim().min(2).max(120).optional(),
  voteWeight: z.number().int().min(1).max(100000).optional(),
});

export const memberBody = z.strictObject({
  email: z.email(),
  role: z.enum(ROLES),
  delegationId: z.uuid().nullable().optional(),
  name: freeText().trim().min(1).max(200).optional(),
  password: z.string().min(8).max(200).optional(),
});
export const memberPatch = z.strictObject({
  role: z.enum(ROLES),
  delegationId: z.uuid().nullable().optional(),
});

export const mePatch = z.strictObject({
  locale: z
    .enum(INTERFACE_LOCALES)
    .nullable()
    .meta({ description: 'Interface language of the pages (not of any resolution); null follows the browser' }),
});

export const committeeOperations: Operation[] = [
  { method: 'get', path: '/me', summary: 'The signed-in user and their committees', tag: 'account' },
  {
    method: 'patch',
    path: '/me',
    summary: 'Choose your interface language (also set as the "locale" cookie)',
    tag: 'account',
    body: mePatch,
  },
  { method: 'get', path: '/committees', summary: 'Committees you belong to, with your role', tag: 'committees' },
  {
    method: 'get',
    path: '/committees/{committee}',
    summary: 'One committee',
    tag: 'committees',
    params: committeeParams,
    allowed: 'any role in the committee',
  },
  {
    method: 'get',
    path: '/committees/{committee}/delegations',
    summary: 'Delegations',
    tag: 'committees',
    params: committeeParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/committees/{committee}/delegations',
    summary: 'Add a delegation',
    tag: 'committees',
    params: committeeParams,
    body: delegationBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'patch',
    path: '/committees/{committee}/delegations/{delegationId}',
    summary: 'Rename or re-weight a delegation',
    tag: 'committees',
    params: delegationParams,
    body: delegationPatch,
    allowed: 'chair, secretariat',
  },
  {
    method: 'delete',
    path: '/committees/{committee}/delegations/{delegationId}',
    summary: 'Remove a delegation',
    tag: 'committees',
    params: delegationParams,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/committees/{committee}/members',
    summary: 'Members with roles and delegations',
    tag: 'committees',
    params: committeeParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/committees/{committee}/members',
    summary: 'Add a member (creates the user when name is given)',
    tag: 'committees',
    params: committeeParams,
    body: memberBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'patch',
    path: '/committees/{committee}/members/{userId}',
    summary: "Change a member's role or delegation (their open connections are re-checked)",
    tag: 'committees',
    params: memberParams,
    body: memberPatch,
    allowed: 'chair, secretariat',
  },
  {
    method: 'delete',
    path: '/committees/{committee}/members/{userId}',
    summary: 'Remove a member',
    tag: 'committees',
    params: memberParams,
    allowed: 'chair, secretariat',
  },
];
