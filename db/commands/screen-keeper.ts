import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { resolutions } from '../schema';
import type { ScreenState } from '../../lib/screen/content';

/**
 * What the room's screen shows, kept with the resolution so every process (and a process
 * started later) reads the same. A later change always wins: an older one arriving late
 * (another process, a slower request) leaves the stored state as it is.
 */
export async function keepScreen(db: Queryable, resolutionId: string, state: ScreenState): Promise<ScreenState> {
  const [row] = await db
    .update(resolutions)
    .set({ screen: state })
    .where(
      and(
        eq(resolutions.id, resolutionId),
        or(isNull(resolutions.screen), sql`${resolutions.screen}->>'setAt' <= ${state.setAt}`),
      ),
    )
    .returning({ screen: resolutions.screen });
  if (row?.screen) return row.screen;
  const [kept] = await db
    .select({ screen: resolutions.screen })
    .from(resolutions)
    .where(eq(resolutions.id, resolutionId));
  return kept?.screen ?? state;
}
