import { listCommitteesForUser } from '@/db/queries/committees';
import { endpoint } from '../_lib/endpoint';

export const GET = endpoint({}, async ({ db, user }) => ({
  user: { id: user.id, email: user.email, name: user.name },
  committees: (await listCommitteesForUser(db, user.id)).map((c) => ({
    id: c.committee.id,
    slug: c.committee.slug,
    name: c.committee.name,
    role: c.role,
    delegation: c.delegation,
  })),
}));
