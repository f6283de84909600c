import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { committees, delegations, memberships, settings, users } from '../schema';
import { hashPassword } from '../../lib/auth/passwords';
import { importResolution } from './resolution-importer';
import type { Role } from '../../lib/permissions';

/**
 * Demo data for a first start: the committee that adopted the example resolution, twelve
 * delegations, one account per role, and the example imported as a draft so the whole
 * procedure can be played from the start.
 */
export const DEMO_PASSWORD = 'concord-demo';
export const DEMO_COMMITTEE_SLUG = 'peace-security';

export const DEMO_DELEGATIONS = [
  'Brazil',
  'Canada',
  'France',
  'India',
  'Indonesia',
  'Iran (Islamic Rep. of)',
  'Japan',
  'Kenya',
  'Mexico',
  'South Africa',
  'Switzerland',
  'Thailand',
];

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  delegation?: string;
  committee?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'chair@example.org', name: 'Chair of the Committee', role: 'chair' },
  { email: 'secretariat@example.org', name: 'Committee Secretary', role: 'secretariat' },
  { email: 'iran@example.org', name: 'Delegate of Iran', role: 'member', delegation: 'Iran (Islamic Rep. of)' },
  { email: 'thailand@example.org', name: 'Delegate of Thailand', role: 'member', delegation: 'Thailand' },
  { email: 'canada@example.org', name: 'Delegate of Canada', role: 'member', delegation: 'Canada' },
  { email: 'kenya@example.org', name: 'Delegate of Kenya', role: 'member', delegation: 'Kenya' },
  { email: 'observer@example.org', name: 'Observer', role: 'observer' },
  { email: 'translator@example.org', name: 'French Translator', role: 'translator' },
  // A member of another committee only: must see nothing of peace-security.
  {
    email: 'democracy@example.org',
    name: 'Delegate of Mexico (Democracy committee)',
    role: 'member',
    delegation: 'Mexico',
    committee: 'democracy-human-rights',
  },
];

export const DEMO_RESOLUTION_TITLE =
  'Combating transnational organized crime, drug trafficking and trafficking in persons';

export const exampleResolutionPath = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'data',
  'ipu-122nd-assembly-resolution.txt',
);

const SEEDED_KEY = 'demo_seeded_at';

/** Seeds once per database; later starts (and a deleted demo) are left alone. */
export async function seedDemoOnce(db: Db): Promise<boolean> {
  const [done] = await db.select().from(settings).where(eq(settings.key, SEEDED_KEY));
  if (done) return false;
  await seedDemo(db);
  await db.insert(settings).values({ key: SEEDED_KEY, value: new Date().toISOString() }).onConflictDoNothing();
  return true;
}

export async function seedDemo(db: Db): Promise<{ committeeId: string; resolutionId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [peace] = await db
    .insert(committees)
    .values({
      slug: DEMO_COMMITTEE_SLUG,
      name: 'Standing Committee on Peace and International Security',
      sessionLabel: '122nd IPU Assembly',
      place: 'Bangkok',
    })
    .returning();
  const [democracy] = await db
    .insert(committees)
    .values({
      slug: 'democracy-human-rights',
      name: 'Standing Committee on Democracy and Human Rights',
      sessionLabel: '122nd IPU Assembly',
      place: 'Bangkok',
    })
    .returning();
  const byCommittee = new Map([
    [peace.slug, peace.id],
    [democracy.slug, democracy.id],
  ]);
  const delegationIds = new Map<string, string>();
  for (const committee of [peace, democracy]) {
    const rows = await db
      .insert(delegations)
      .values(DEMO_DELEGATIONS.map((name) => ({ committeeId: committee.id, name })))
      .returning();
    for (const d of rows) delegationIds.set(`${committee.slug}/${d.name}`, d.id);
  }
  for (const account of DEMO_ACCOUNTS) {
    const slug = account.committee ?? peace.slug;
    const [user] = await db
      .insert(users)
      .values({ email: account.email, name: account.name, passwordHash })
      .returning();
    await db.insert(memberships).values({
      committeeId: byCommittee.get(slug)!,
      userId: user.id,
      role: account.role,
      delegationId: account.delegation ? delegationIds.get(`${slug}/${account.delegation}`)! : null,
    });
  }
  const [secretariat] = await db.select().from(users).where(eq(users.email, 'secretariat@example.org'));
  const { resolution } = await importResolution(db, {
    committeeId: peace.id,
    actorId: secretariat.id,
    text: fs.readFileSync(exampleResolutionPath, 'utf8'),
    title: DEMO_RESOLUTION_TITLE,
  });
  return { committeeId: peace.id, resolutionId: resolution.id };
}
