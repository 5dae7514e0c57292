import { HttpStatus, type LoggerService } from '@nestjs/common';
import { X509Certificate, createPublicKey } from 'node:crypto';
import type { JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import type { PlatformConfig } from './config';
import { jose } from './jose';
import { readOrCreateDevJwtSecret } from './jwt-keys';
import { ProblemException } from './problem';
import { type Role, isRole } from './roles';

/** What a verified token says: its subject, its known roles and, for a representative, the contributor. */
export type VerifiedToken = { sub: string; roles: Role[]; contributor?: string };

export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'CONTRIBUTOR_CLAIM_REQUIRED'
  | 'AUTHENTICATION_UNAVAILABLE';

export const AUTH_REALM = 'coe-ledger';

/** A 401 with the `WWW-Authenticate: Bearer` challenge RFC 6750 asks for. */
export const unauthenticated = (code: AuthErrorCode, detail: string): ProblemException =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    code,
    detail,
    {},
    {
      'WWW-Authenticate':
        code === 'UNAUTHENTICATED'
          ? `Bearer realm="${AUTH_REALM}"`
          : `Bearer realm="${AUTH_REALM}", error="invalid_token"`,
    },
  );

type Asymmetric = 'RS256' | 'ES256';
// Every key, static or remote, as the function form jwtVerify takes.
type KeyCandidate = JWTVerifyGetKey;

// Tokens minted on another machine may be a few seconds ahead or behind this clock.
const CLOCK_TOLERANCE_SECONDS = 30;
const ISO3 = /^[A-Z]{3}$/;
const MAX_SUB_LENGTH = 255;

/** The key source could not be reached (JWKS endpoint down): an outage, not the caller's fault. */
class KeySourceUnavailable extends Error {}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

// A PEM in an env file often arrives with literal "\n"; the algorithm follows from the key type.
const importPublicKey = async (pem: string): Promise<{ alg: Asymmetric; key: KeyCandidate }> => {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  const keyObject = text.includes('BEGIN CERTIFICATE')
    ? new X509Certificate(text).publicKey
    : createPublicKey(text);
  const type = keyObject.asymmetricKeyType;
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  const alg: Asymmetric | undefined =
    type === 'rsa' ? 'RS256' : type === 'ec' && curve === 'prime256v1' ? 'ES256' : undefined;
  if (alg === undefined) {
    throw new Error(`JWT_PUBLIC_KEY: an RSA or P-256 EC public key is required (got ${type} ${curve ?? ''})`);
  }
  const spki = keyObject.export({ type: 'spki', format: 'pem' }).toString();
  const key = await jose.importSPKI(spki, alg);
  return { alg, key: () => key };
};

export type JwtVerifierOptions = Pick<PlatformConfig, 'jwt' | 'dataDir' | 'nodeEnv'>;

/**
 * Verifies bearer tokens as CONTRACT.md section 2 says: HS256 with `JWT_SECRET` (or the development
 * secret), RS256/ES256 with `JWT_PUBLIC_KEY` or `JWT_JWKS_URL`. Each algorithm is only ever checked
 * against a key of its own kind, so `alg: none` and an HS256 token signed with the public key fail.
 */
export class JwtVerifier {
  private constructor(
    private readonly secret: Uint8Array | undefined,
    private readonly publicKey: { alg: Asymmetric; key: KeyCandidate } | undefined,
    private readonly jwks: JWTVerifyGetKey | undefined,
    private readonly claims: Pick<JWTVerifyOptions, 'issuer' | 'audience'>,
    private readonly logger?: LoggerService,
  ) {}

  /** Resolves the keys once; creates the development secret when no key is configured outside production. */
  static async create(options: JwtVerifierOptions, logger?: LoggerService): Promise<JwtVerifier> {
    const { secret, publicKey, jwksUrl, issuer, audience } = options.jwt;
    let hmacSecret = secret;
    if (!secret && !publicKey && !jwksUrl) {
      if (options.nodeEnv === 'production') {
        throw new Error(
          'JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL: one is required when NODE_ENV=production',
        );
      }
      const dev = await readOrCreateDevJwtSecret(options.dataDir);
      hmacSecret = dev.secret;
      logger?.warn(
        `No JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL: tokens are checked with the development secret ` +
          `${dev.created ? 'just created in' : 'in'} ${dev.path}. Mint one with: ` +
          `${options.dataDir === './data' ? '' : `DATA_DIR=${options.dataDir} `}npm run token -- --role admin`,
      );
    } else if (secret !== undefined && Buffer.byteLength(secret) < 32) {
      logger?.warn('JWT_SECRET is shorter than 32 bytes, too short for HS256 (RFC 7518 section 3.2)');
    }
    return new JwtVerifier(
      hmacSecret === undefined ? undefined : new TextEncoder().encode(hmacSecret),
      publicKey === undefined ? undefined : await importPublicKey(publicKey),
      jwksUrl === undefined ? undefined : JwtVerifier.remoteKeySet(jwksUrl),
      { ...(issuer && { issuer }), ...(audience && { audience }) },
      logger,
    );
  }

  private static remoteKeySet(url: string): JWTVerifyGetKey {
    const keySet = jose.createRemoteJWKSet(new URL(url));
    return async (header, token) => {
      try {
        return await keySet(header, token);
      } catch (error) {
        const code = codeOf(error);
        if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
        throw new KeySourceUnavailable(
          `JWKS ${url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
  }

  /** The algorithms this verifier accepts, in the order tokens are tried. */
  get algorithms(): string[] {
    return [
      ...(this.secret ? ['HS256'] : []),
      ...(this.publicKey ? [this.publicKey.alg] : []),
      ...(this.jwks ? ['RS256', 'ES256'] : []),
    ].filter((alg, index, all) => all.indexOf(alg) === index);
  }

  private keysFor(alg: unknown): KeyCandidate[] {
    const secret = this.secret;
    if (alg === 'HS256') return secret ? [() => secret] : [];
    if (alg !== 'RS256' && alg !== 'ES256') return [];
    return [...(this.publicKey?.alg === alg ? [this.publicKey.key] : []), ...(this.jwks ? [this.jwks] : [])];
  }

  /** The token's subject and roles, or a 401 {@link ProblemException} (503 when the JWKS is unreachable). */
  async verify(token: string): Promise<VerifiedToken> {
    let alg: unknown;
    try {
      alg = jose.decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('TOKEN_INVALID', 'The bearer token is not a well-formed JWT.');
    }
    const keys = this.keysFor(alg);
    if (keys.length === 0) {
      throw unauthenticated('TOKEN_INVALID', `Tokens signed with ${String(alg)} are not accepted here.`);
    }
    const options: JWTVerifyOptions = {
      ...this.claims,
      algorithms: [alg as string],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    };
    for (const [index, key] of keys.entries()) {
      try {
        const { payload } = await jose.jwtVerify(token, key, options);
        return JwtVerifier.claimsOf(payload);
      } catch (error) {
        const code = codeOf(error);
        const tryNext =
          code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_NO_MATCHING_KEY';
        if (tryNext && index < keys.length - 1) continue;
        if (error instanceof KeySourceUnavailable) this.logger?.error(error.message);
        throw JwtVerifier.rejection(error, alg);
      }
    }
    throw unauthenticated('TOKEN_INVALID', 'The token signature does not verify.');
  }

  private static rejection(error: unknown, alg: unknown): ProblemException {
    if (error instanceof ProblemException) return error;
    if (error instanceof KeySourceUnavailable) {
      return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'AUTHENTICATION_UNAVAILABLE',
        'The keys that verify tokens cannot be fetched right now; try again shortly.',
      );
    }
    switch (codeOf(error)) {
      case 'ERR_JWT_EXPIRED':
        return unauthenticated('TOKEN_EXPIRED', 'The token has expired.');
      // The usual cause: a token minted for another server (another DATA_DIR or JWT_SECRET).
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return unauthenticated(
          'TOKEN_INVALID',
          alg === 'HS256'
            ? "The token's signature does not match this server's key: it was signed with another secret. " +
                'Mint one with the key this server uses: `npm run token` with the same JWT_SECRET, or the same ' +
                'DATA_DIR as the server when it runs with the development secret.'
            : "The token's signature does not match this server's key (JWT_PUBLIC_KEY or JWT_JWKS_URL).",
        );
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
        const claim = (error as { claim?: unknown }).claim;
        return unauthenticated(
          'TOKEN_INVALID',
          `The token's "${String(claim)}" claim is missing or not accepted.`,
        );
      }
      default:
        return unauthenticated('TOKEN_INVALID', 'The token is malformed or its signature does not verify.');
    }
  }

  private static claimsOf(payload: JWTPayload): VerifiedToken {
    const { sub } = payload;
    if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_LENGTH) {
      throw unauthenticated('TOKEN_INVALID', 'The token\'s "sub" claim must be a non-empty string.');
    }
    const rawRoles: unknown = payload.roles ?? [];
    if (!Array.isArray(rawRoles)) {
      throw unauthenticated('TOKEN_INVALID', 'The token\'s "roles" claim must be an array of role names.');
    }
    const roles = [...new Set(rawRoles.filter(isRole))];
    if (!roles.includes('contributor-representative')) return { sub, roles };
    const contributor: unknown = payload.contributor;
    if (typeof contributor !== 'string' || !ISO3.test(contributor)) {
      throw unauthenticated(
        'CONTRIBUTOR_CLAIM_REQUIRED',
        'A contributor-representative token needs a "contributor" claim: an ISO 3166-1 alpha-3 code such as "BGD".',
      );
    }
    return { sub, roles, contributor };
  }
}
