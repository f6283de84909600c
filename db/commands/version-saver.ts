import type { Queryable } from '../client';
import { versions } from '../schema';

/** Keeps the text as it stands under a name ("As tabled", "Before the lunch break"). */
export async function saveVersion(
  db: Queryable,
  props: { resolutionId: string; name: string; state: Uint8Array; actorId: string | null; reason?: string },
) {
  const [row] = await db
    .insert(versions)
    .values({
      resolutionId: props.resolutionId,
      name: props.name,
      reason: props.reason ?? 'manual',
      state: props.state,
      createdBy: props.actorId,
    })
    .returning({ id: versions.id, name: versions.name, reason: versions.reason, createdAt: versions.createdAt });
  return row;
}
