import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/access';
import { authOptions } from '@/server/auth/next-auth-options';

/** The signed-in user for a page, or a redirect to sign-in. */
export async function currentUser(returnTo?: string) {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  const user = id ? await findUserById(await getDb(), id) : null;
  if (!user) redirect(`/signin${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ''}`);
  return user;
}

export async function optionalUser() {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? findUserById(await getDb(), id) : null;
}
