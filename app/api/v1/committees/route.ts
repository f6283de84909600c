import { listCommitteesForUser } from '@/db/queries/committees';
import { endpoint } from '../_lib/endpoint';
import { presentCommittee as present } from '@/usecases/reads/committees';

export const GET = endpoint({}, async ({ db, user }) => ({
  committees: (await listCommitteesForUser(db, user.id)).map((c) => ({
    ...present(c.committee),
    role: c.role,
    delegation: c.delegation,
  })),
}));
