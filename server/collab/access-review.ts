import type { Db } from '../../db/client';
import { CloseCode } from '../../lib/collab/close-codes';
import { credentialHolds, identityAccess } from './authenticate';
import type { Connection } from './connection';
import type { AccessTarget } from './relay';

/**
 * Re-asks the database what each affected socket may do, and acts on the answer: a socket
 * whose credential no longer holds closes with 4401, one that lost its access closes (accessRevoked),
 * one whose rights changed is told (write ↔ read).
 */
export async function reviewAccess(db: Db, connections: Iterable<Connection>, target: AccessTarget): Promise<void> {
  const affected = [...connections].filter(
    (c) =>
      (target.resolutionId && c.identity.resolutionId === target.resolutionId) ||
      (target.userId && c.userId === target.userId) ||
      (target.amendmentId && c.identity.amendmentId === target.amendmentId) ||
      (target.room !== undefined && c.identity.room === target.room),
  );
  if (!affected.length) return;
  if (target.userId && target.credentials) {
    // Signed out or token revoked: each socket's own credential is asked about, and what
    // the socket sends waits for the answer (no write slips in), then it closes (4401).
    await Promise.all(
      affected.map(async (c) => {
        const credential = c.identity.credential;
        if (!credential) return;
        const holds = credentialHolds(db, c.userId, credential);
        c.hold(holds);
        if (!(await holds.catch(() => true)))
          c.close(CloseCode.unauthenticated, 'signed out, or the API token was revoked');
      }),
    );
  }
  const answers = new Map<string, ReturnType<typeof identityAccess>>();
  await Promise.all(
    affected.map(async (c) => {
      if (c.isClosed) return;
      const key = `${c.userId}:${c.identity.room}`;
      if (!answers.has(key)) answers.set(key, identityAccess(db, c.identity));
      const access = await answers.get(key)!.catch(() => null);
      if (access === null) return;
      if (access === 'none') c.close(CloseCode.accessRevoked, 'access withdrawn');
      else c.setAccess(access);
    }),
  );
}
