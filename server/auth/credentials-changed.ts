import { getCollabService } from '../collab/registry';
import { log } from '../log';

/**
 * A user's credentials changed (a session ended, every session ended): every open
 * collaboration socket of theirs re-checks what it was admitted with and closes (4401)
 * when that no longer holds, on every process. The one place sign-out reaches the sockets,
 * so it is easy to route through an event layer later.
 */
export async function credentialsChanged(userId: string): Promise<void> {
  const collab = getCollabService();
  try {
    await collab?.credentialsChanged?.({ userId });
  } catch (e) {
    // The session is already ended in the database; a socket check that fails is logged.
    log('auth').error(
      { userId, err: e instanceof Error ? e.message : String(e) },
      'socket re-check after sign-out failed',
    );
  }
}
