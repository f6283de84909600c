import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { TokenSet } from 'openid-client';
import type { LinkPolicy, OidcClaims } from '../../lib/auth/oidc-link';
import { verifiedClaim } from '../../lib/auth/oidc-link';

/**
 * The optional single sign-on provider (Keycloak, Entra ID, …), read from the environment.
 * next-auth (openid-client) runs the code flow with PKCE and state and validates the ID
 * token; Concord decides which account the identity is (db/commands/oidc-identity-linker).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  policy: LinkPolicy;
}

const on = (value: string | undefined) => value === '1' || value === 'true';

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER.replace(/\/$/, ''),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME || 'Single sign-on',
    policy: { providerVerifiesEmails: on(env.OIDC_PROVIDER_VERIFIES_EMAILS) },
  };
}

export function oidcConfigured(): boolean {
  return oidcSettings() !== null;
}

type Claims = Record<string, unknown>;

export function oidcProvider(settings: OidcSettings): OAuthConfig<Claims> {
  return {
    id: 'oidc',
    name: settings.name,
    type: 'oauth',
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    // An unreachable provider fails the sign-in after this long, with a message, not a hang.
    httpOptions: { timeout: 5000 },
    userinfo: {
      // Many providers (the OIDC default for the code flow) put the e-mail only in the
      // userinfo response. Then ask it, and take the address and its verification from
      // the same answer; openid-client checks that its `sub` is the ID token's.
      async request({ tokens, client }) {
        // next-auth types the token set as plain parameters; it is openid-client's TokenSet.
        const set = tokens as unknown as TokenSet;
        const claims = set.claims() as Claims;
        if (typeof claims.email === 'string' && claims.email) return claims;
        const info = (await client.userinfo(set)) as Claims;
        if (info.sub !== claims.sub) throw new Error('userinfo sub differs from the ID token');
        return { ...claims, email: info.email, email_verified: info.email_verified, name: claims.name ?? info.name };
      },
    },
    profile: (p) => ({
      id: String(p.sub),
      email: typeof p.email === 'string' ? p.email : null,
      name:
        typeof p.name === 'string' ? p.name : typeof p.preferred_username === 'string' ? p.preferred_username : null,
    }),
  };
}

/** The claims the account decision needs, from what next-auth hands the signIn callback. */
export function claimsOf(profile: Claims | undefined, settings: OidcSettings): OidcClaims {
  const p = profile ?? {};
  return {
    // openid-client has checked the ID token's `iss` against the discovered issuer.
    issuer: typeof p.iss === 'string' ? p.iss : settings.issuer,
    subject: typeof p.sub === 'string' ? p.sub : '',
    email: typeof p.email === 'string' ? p.email : null,
    emailVerified: verifiedClaim(p.email_verified),
    name: typeof p.name === 'string' ? p.name : typeof p.preferred_username === 'string' ? p.preferred_username : null,
  };
}
