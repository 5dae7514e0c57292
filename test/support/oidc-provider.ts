import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Module from 'node:module';
import { runInThisContext } from 'node:vm';

// A real OpenID Connect provider in the test process: the certified `oidc-provider` library (ESM only,
// loaded by Node's own loader as libs/platform/src/jose.ts does for jose), with its development
// login and consent pages, one public client (the console: authorization code with PKCE) and JWT access
// tokens for the API's resource that carry the user's roles and contributor.

type NodeModuleLoader = { _load(request: string, parent: unknown, isMain: boolean): unknown };
type Callback = (req: IncomingMessage, res: ServerResponse) => void;
type ProviderInstance = { callback(): Callback };
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

const loadProvider = (): ProviderClass =>
  (
    (Module as unknown as NodeModuleLoader)._load(require.resolve('oidc-provider'), null, false) as {
      Provider: ProviderClass;
    }
  ).Provider;

// The library checks its configuration with `value.constructor === Object`, which Jest's sandboxed
// objects fail (another realm's Object): the configuration, and what its functions answer, is copied
// into plain objects of Node's own realm.
const NodeObject = runInThisContext('Object') as ObjectConstructor;
const inNodeRealm = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(inNodeRealm);
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      const answer: unknown = (value as (...a: unknown[]) => unknown)(...args);
      return answer instanceof Promise ? answer.then(inNodeRealm) : inNodeRealm(answer);
    };
  }
  if (value === null || typeof value !== 'object' || value.constructor !== Object) return value;
  const copy = new NodeObject() as Record<string, unknown>;
  for (const [key, member] of Object.entries(value)) copy[key] = inNodeRealm(member);
  return copy;
};

export type OidcUser = { roles: string[]; contributor?: string };

export type LocalOidcProvider = {
  issuer: string;
  clientId: string;
  /** The resource indicator the console asks for, and the access token's `aud`. */
  audience: string;
  scope: string;
  /** The environment the API and the console need to trust and use this provider. */
  env: Record<string, string>;
  /** Registers the console's address once it listens (its callback is the client's redirect URI). */
  serve: (consoleUrl: string) => void;
  close: () => Promise<void>;
};

/**
 * Starts the provider's HTTP server on a free port of 127.0.0.1; it answers once {@link serve} names
 * the console (the redirect URI must be known to build the client). `users` maps a login to claims.
 */
export const startOidcProvider = async (users: Record<string, OidcUser>): Promise<LocalOidcProvider> => {
  let handler: Callback | undefined;
  const server: Server = createServer((req, res) => {
    if (handler === undefined) {
      res.statusCode = 503;
      res.end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'coe-console';
  const audience = 'urn:coe-ledger';
  const scope = 'openid coe';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

  const serve = (consoleUrl: string) => {
    const Provider = loadProvider();
    const configuration = inNodeRealm({
      clients: [
        {
          client_id: clientId,
          token_endpoint_auth_method: 'none',
          redirect_uris: [`${consoleUrl}/sign-in/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      scopes: ['openid', 'coe'],
      pkce: { required: () => true },
      // The console exchanges the code from its own origin: the token endpoint answers that origin only.
      clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(consoleUrl).origin,
      ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => {
            if (resource !== audience) throw new Error(`unknown resource ${resource}`);
            return { scope: 'coe', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
          },
        },
      },
      findAccount: (_ctx: unknown, sub: string) =>
        users[sub] === undefined ? undefined : { accountId: sub, claims: () => ({ sub }) },
      // The roles and contributor the API reads, in the access token (the console reads the same token).
      extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
        const user = token.accountId === undefined ? undefined : users[token.accountId];
        if (user === undefined) return undefined;
        return {
          roles: user.roles,
          ...(user.contributor !== undefined && { contributor: user.contributor }),
        };
      },
    }) as Record<string, unknown>;
    handler = new Provider(issuer, configuration).callback();
  };

  return {
    issuer,
    clientId,
    audience,
    scope,
    env: {
      JWT_SECRET: '',
      JWT_JWKS_URL: `${issuer}/jwks`,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_SCOPE: scope,
      OIDC_RESOURCE: audience,
    },
    serve,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
