import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Connect provider for the single sign-on tests: `oidc-provider` (the certified
 * implementation Keycloak-like deployments are tested against) on 127.0.0.1, with its
 * development login and consent pages, RP-initiated logout, and the accounts a test names.
 * Like many providers, it puts the e-mail in the userinfo response only when told to.
 */
export interface TestAccount {
  /** What to type on the provider's login page; also the `sub`. */
  login: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  /** The ID token carries no e-mail; only the userinfo endpoint tells it. */
  emailOnlyInUserinfo?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Concord (its callback and post-logout URLs); call once Concord's URL is known. */
  registerClient(concordUrl: string): void;
  /** How many RP-initiated logouts the provider completed. */
  logouts(): number;
  /** Closes the port: the provider is down. */
  stop(): Promise<void>;
}

export async function startOidcProvider(accounts: TestAccount[]): Promise<TestOidcProvider> {
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end('not configured yet');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'concord';
  const clientSecret = randomBytes(24).toString('base64url');
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  let logouts = 0;

  return {
    issuer,
    clientId,
    clientSecret,
    registerClient(concordUrl) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const configuration: Configuration = {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${concordUrl}/api/auth/callback/oidc`],
            post_logout_redirect_uris: [`${concordUrl}/signin`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        // Put scope claims in the ID token too, so that each account decides where its e-mail goes.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
        async findAccount(_ctx, id) {
          const account = byLogin.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            async claims(use) {
              const claims: Record<string, unknown> = { sub: id };
              if (account.name) claims.name = account.name;
              if (account.email && !(account.emailOnlyInUserinfo && use === 'id_token')) {
                claims.email = account.email;
                if (account.emailVerified !== undefined) claims.email_verified = account.emailVerified;
              }
              return claims as { sub: string };
            },
          };
        },
      };
      const provider = new Provider(issuer, configuration);
      provider.on('end_session.success', () => {
        logouts += 1;
      });
      handler = provider.callback();
    },
    logouts: () => logouts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's own "Do you want to sign out?" page, without its web-font import. */
async function logoutSource(ctx: { body: unknown }, form: string) {
  ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign out of the provider</title></head>
<body><h1>Do you want to sign out of the provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
}
