import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { oidcIdentities, users, type User } from '../schema';
import { findUserByEmail } from '../queries/access';
import {
  decideOidcLink,
  normaliseEmail,
  type LinkPolicy,
  type OidcClaims,
  type RefusalCode,
} from '../../lib/auth/oidc-link';

export type OidcLinkResult =
  | { ok: true; user: User; outcome: 'linked' | 'linked-by-email' | 'created' }
  | { ok: false; code: RefusalCode; reason: string };

/**
 * Finds or makes the Concord account of a single sign-on identity (lib/auth/oidc-link.ts
 * decides; this stores), in one transaction. Two first sign-ins of the same identity at
 * once end with one link: the loser of the unique index reads the winner's.
 */
export async function linkOidcIdentity(db: Db, claims: OidcClaims, policy: LinkPolicy): Promise<OidcLinkResult> {
  return db.transaction(async (tx) => {
    const linked = async () => {
      const [row] = await tx
        .select({ user: users })
        .from(oidcIdentities)
        .innerJoin(users, eq(users.id, oidcIdentities.userId))
        .where(and(eq(oidcIdentities.issuer, claims.issuer), eq(oidcIdentities.subject, claims.subject)));
      return row?.user ?? null;
    };
    const existing = await linked();
    const email = normaliseEmail(claims.email);
    const byEmail = !existing && email ? await findUserByEmail(tx, email) : null;
    const decision = decideOidcLink({
      claims,
      linkedUserId: existing?.id ?? null,
      userIdByEmail: byEmail?.id ?? null,
      policy,
    });
    switch (decision.kind) {
      case 'refuse':
        return { ok: false, code: decision.code, reason: decision.reason };
      case 'linked':
        return { ok: true, user: existing!, outcome: 'linked' };
      case 'link-existing': {
        await link(tx, claims, decision.userId, decision.email);
        const user = (await linked()) ?? byEmail!;
        return { ok: true, user, outcome: 'linked-by-email' };
      }
      case 'create': {
        await tx.insert(users).values({ email: decision.email, name: decision.name }).onConflictDoNothing();
        const user = (await findUserByEmail(tx, decision.email))!;
        await link(tx, claims, user.id, decision.email);
        return { ok: true, user: (await linked()) ?? user, outcome: 'created' };
      }
    }
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function link(tx: Tx, claims: OidcClaims, userId: string, email: string) {
  await tx
    .insert(oidcIdentities)
    .values({ issuer: claims.issuer, subject: claims.subject, userId, linkedEmail: email })
    .onConflictDoNothing();
}
