import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { amendments, delegations } from '@/db/schema';

/**
 * The demo seeded, and one draft amendment of Iran's inserted straight into the table
 * (proposing "Urges parliaments to act."): what the draft store and room tests start from.
 */
export async function seedDraftAmendment(db: Db): Promise<string> {
  const { resolutionId } = await seedDemo(db);
  const [iran] = await db.select().from(delegations).where(eq(delegations.name, 'Iran (Islamic Rep. of)'));
  const [row] = await db
    .insert(amendments)
    .values({
      resolutionId,
      kind: 'insert',
      anchorParagraphId: 'x',
      position: 'after',
      newKind: 'operative',
      proposedText: 'Urges parliaments to act.',
      sponsorDelegationId: iran.id,
    })
    .returning();
  return row.id;
}
