import { listCommitteesForUser } from '@/db/queries/committees';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import * as account from '@/usecases/account';
import { act } from '../_lib/act';
import { endpoint } from '../_lib/endpoint';
import { mePatch } from '../committees/schema';

export const GET = endpoint({}, async ({ db, user }) => ({
  user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
  committees: (await listCommitteesForUser(db, user.id)).map((c) => ({
    id: c.committee.id,
    slug: c.committee.slug,
    name: c.committee.name,
    role: c.role,
    delegation: c.delegation,
  })),
}));

/** The interface language; the cookie keeps the choice on this browser once signed out. */
export const PATCH = endpoint({ body: mePatch }, async (ctx) => {
  const saved = await act(account.setLocale, ctx, { locale: ctx.body.locale });
  const cookie = saved.locale
    ? `${LOCALE_COOKIE}=${saved.locale}; Path=/; Max-Age=31536000; SameSite=Lax`
    : `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  return Response.json({ locale: saved.locale }, { headers: { 'set-cookie': cookie } });
});
