/**
 * Which Concord account a single sign-on identity is, decided from the provider's claims.
 *
 * An identity is (issuer, subject). Once linked it signs in as that account whatever its
 * e-mail says later. The first link goes by e-mail only when the provider vouches for the
 * address (`email_verified: true`): otherwise anyone who can type chair@example.org into a
 * provider's profile would become the chair. A new account gets the same rule, or its
 * address could later be added to a committee by the real owner's name.
 */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  /** The claim as given: true, false, or absent (null). */
  emailVerified: boolean | null;
  name: string | null;
}

export interface LinkPolicy {
  /**
   * OIDC_PROVIDER_VERIFIES_EMAILS: the provider verifies every address it issues, so an
   * absent email_verified counts as verified. An explicit `false` is still believed.
   */
  providerVerifiesEmails: boolean;
}

export type RefusalCode = 'sso_no_email' | 'sso_email_unverified' | 'sso_bad_claims';

export type LinkDecision =
  | { kind: 'linked'; userId: string }
  | { kind: 'link-existing'; userId: string; email: string }
  | { kind: 'create'; email: string; name: string }
  | { kind: 'refuse'; code: RefusalCode; reason: string };

const MAX_EMAIL = 320;
const MAX_NAME = 200;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length <= MAX_EMAIL && EMAIL.test(email) ? email : null;
}

/** A display name from the provider, bounded and without control characters. */
export function displayName(value: unknown, email: string): string {
  const raw = typeof value === 'string' ? value : '';
  const name = raw
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME);
  return name || email.split('@')[0];
}

/** email_verified as given; some providers send the string "true". */
export function verifiedClaim(value: unknown): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

export function decideOidcLink(input: {
  claims: OidcClaims;
  /** The account this identity is already linked to, if any. */
  linkedUserId: string | null;
  /** The account holding the claimed e-mail, if any. */
  userIdByEmail: string | null;
  policy: LinkPolicy;
}): LinkDecision {
  const { claims, linkedUserId, userIdByEmail, policy } = input;
  if (!claims.issuer || !claims.subject || claims.subject.length > 255) {
    return { kind: 'refuse', code: 'sso_bad_claims', reason: 'the provider gave no usable issuer or subject' };
  }
  if (linkedUserId) return { kind: 'linked', userId: linkedUserId };
  const email = normaliseEmail(claims.email);
  if (!email) {
    return {
      kind: 'refuse',
      code: 'sso_no_email',
      reason: claims.email
        ? 'the e-mail claim is not an address'
        : 'no e-mail in the ID token or the userinfo response',
    };
  }
  const verified = claims.emailVerified === true || (claims.emailVerified === null && policy.providerVerifiesEmails);
  if (!verified) {
    return {
      kind: 'refuse',
      code: 'sso_email_unverified',
      reason: `email_verified is ${claims.emailVerified === null ? 'absent' : 'false'} for ${email}${
        userIdByEmail ? ' (an existing account has this address: not linked)' : ''
      }`,
    };
  }
  if (userIdByEmail) return { kind: 'link-existing', userId: userIdByEmail, email };
  return { kind: 'create', email, name: displayName(claims.name, email) };
}
