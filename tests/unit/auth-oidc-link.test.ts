import { describe, expect, it } from 'vitest';
import { decideOidcLink, displayName, verifiedClaim, type OidcClaims } from '@/lib/auth/oidc-link';

/** Which Concord account a single sign-on identity is (issue 17.1). */
const claims = (over: Partial<OidcClaims> = {}): OidcClaims => ({
  issuer: 'https://id.example.org',
  subject: 'sub-1',
  email: 'chair@example.org',
  emailVerified: true,
  name: 'Chair',
  ...over,
});
const strict = { providerVerifiesEmails: false };
const trusting = { providerVerifiesEmails: true };

describe('linking a single sign-on identity', () => {
  it('an identity already linked signs in as its account, whatever its e-mail says now', () => {
    expect(
      decideOidcLink({
        claims: claims({ email: 'someone-else@example.org', emailVerified: false }),
        linkedUserId: 'u1',
        userIdByEmail: 'u2',
        policy: strict,
      }),
    ).toEqual({ kind: 'linked', userId: 'u1' });
  });

  it('a verified e-mail of an existing account links that account', () => {
    expect(decideOidcLink({ claims: claims(), linkedUserId: null, userIdByEmail: 'chair', policy: strict })).toEqual({
      kind: 'link-existing',
      userId: 'chair',
      email: 'chair@example.org',
    });
  });

  it('an unverified e-mail never matches an existing account (no takeover of chair@)', () => {
    for (const emailVerified of [false, null]) {
      const d = decideOidcLink({
        claims: claims({ emailVerified }),
        linkedUserId: null,
        userIdByEmail: 'chair',
        policy: strict,
      });
      expect(d).toMatchObject({ kind: 'refuse', code: 'sso_email_unverified' });
    }
  });

  it('an unverified e-mail does not create an account either (it could later be added to a committee)', () => {
    const d = decideOidcLink({
      claims: claims({ email: 'new@example.org', emailVerified: false }),
      linkedUserId: null,
      userIdByEmail: null,
      policy: strict,
    });
    expect(d).toMatchObject({ kind: 'refuse', code: 'sso_email_unverified' });
  });

  it('a verified new address gets an account with the provider name', () => {
    const d = decideOidcLink({
      claims: claims({ email: ' New.Person@Example.org ', name: 'New Person' }),
      linkedUserId: null,
      userIdByEmail: null,
      policy: strict,
    });
    expect(d).toEqual({ kind: 'create', email: 'new.person@example.org', name: 'New Person' });
  });

  it('with OIDC_PROVIDER_VERIFIES_EMAILS, an absent claim counts as verified, an explicit false still refuses', () => {
    expect(
      decideOidcLink({
        claims: claims({ emailVerified: null }),
        linkedUserId: null,
        userIdByEmail: 'c',
        policy: trusting,
      }),
    ).toMatchObject({ kind: 'link-existing' });
    expect(
      decideOidcLink({
        claims: claims({ emailVerified: false }),
        linkedUserId: null,
        userIdByEmail: 'c',
        policy: trusting,
      }),
    ).toMatchObject({ kind: 'refuse', code: 'sso_email_unverified' });
  });

  it('no e-mail (neither in the ID token nor from userinfo) is refused with its reason', () => {
    const d = decideOidcLink({
      claims: claims({ email: null }),
      linkedUserId: null,
      userIdByEmail: null,
      policy: strict,
    });
    expect(d).toMatchObject({ kind: 'refuse', code: 'sso_no_email' });
    const junk = decideOidcLink({
      claims: claims({ email: 'not an address' }),
      linkedUserId: null,
      userIdByEmail: null,
      policy: strict,
    });
    expect(junk).toMatchObject({ kind: 'refuse', code: 'sso_no_email' });
  });

  it('an identity without issuer or subject is refused', () => {
    expect(
      decideOidcLink({ claims: claims({ subject: '' }), linkedUserId: null, userIdByEmail: null, policy: strict }),
    ).toMatchObject({
      kind: 'refuse',
      code: 'sso_bad_claims',
    });
  });

  it('reads email_verified as providers send it and bounds the display name', () => {
    expect(verifiedClaim(true)).toBe(true);
    expect(verifiedClaim('true')).toBe(true);
    expect(verifiedClaim('false')).toBe(false);
    expect(verifiedClaim(undefined)).toBe(null);
    expect(displayName('  Ana\u0000 María \n', 'a@x.org')).toBe('Ana María');
    expect(displayName('', 'ana@x.org')).toBe('ana');
    expect(displayName('x'.repeat(500), 'a@x.org')).toHaveLength(200);
  });
});
