import type { PlatformConfig } from './config';
import { jose } from './jose';
import { readOrCreateDevJwtSecret } from './jwt-keys';

export type TokenClaims = {
  roles: readonly string[];
  /** Defaults to the first role. */
  sub?: string;
  contributor?: string;
  /** jose's time span (`'8h'`, `'90s'`) or seconds; default `'8h'`. Negative seconds give an expired token. */
  ttl?: string | number;
};

/**
 * An HS256 token the app built from `config` accepts: signed with `JWT_SECRET` or the development
 * secret under `DATA_DIR`, with `iss`/`aud` when configured. What `npm run token` prints; meant for
 * tests and local tools, as a deployment with a public key gets its tokens from the identity provider.
 */
export const signToken = async (
  config: Pick<PlatformConfig, 'jwt' | 'dataDir' | 'nodeEnv'>,
  claims: TokenClaims,
): Promise<string> => {
  const { secret, publicKey, jwksUrl, issuer, audience } = config.jwt;
  if (
    secret === undefined &&
    (publicKey !== undefined || jwksUrl !== undefined || config.nodeEnv === 'production')
  ) {
    throw new Error(
      'signToken needs JWT_SECRET, or no key at all outside production (the development secret)',
    );
  }
  const key = secret ?? (await readOrCreateDevJwtSecret(config.dataDir)).secret;
  const now = Math.floor(Date.now() / 1000);
  const ttl = claims.ttl ?? '8h';
  const jwt = new jose.SignJWT({
    roles: [...claims.roles],
    ...(claims.contributor !== undefined && { contributor: claims.contributor }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? claims.roles[0] ?? 'someone')
    .setIssuedAt(now)
    .setExpirationTime(typeof ttl === 'number' ? now + ttl : ttl);
  if (issuer !== undefined) jwt.setIssuer(issuer);
  if (audience !== undefined) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(key));
};
