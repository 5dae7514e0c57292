import { jose } from './jose';
import { JwtVerifier, type JwtVerifierOptions } from './jwt-verifier';
import type { ProblemException } from './problem';

const SECRET = 'unit-test-secret-of-at-least-32-bytes!';
const secretKey = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

const options = (jwt: JwtVerifierOptions['jwt']): JwtVerifierOptions => ({
  jwt,
  dataDir: '/nonexistent',
  nodeEnv: 'test',
});

type Claims = Record<string, unknown>;
const hs256 = (claims: Claims = {}, key: Uint8Array = secretKey): Promise<string> =>
  new jose.SignJWT({ sub: 'ada', roles: ['mou-clerk'], exp: now() + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(key);

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const problemOf = async (verifier: JwtVerifier, token: string): Promise<ProblemException> => {
  try {
    await verifier.verify(token);
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('the token was accepted');
};

const rejection = async (verifier: JwtVerifier, token: string): Promise<[number, string]> => {
  try {
    await verifier.verify(token);
  } catch (error) {
    const problem = error as ProblemException;
    return [problem.getStatus(), problem.code];
  }
  throw new Error('the token was accepted');
};

describe('JwtVerifier with JWT_SECRET (HS256)', () => {
  let verifier: JwtVerifier;
  beforeAll(async () => {
    verifier = await JwtVerifier.create(options({ secret: SECRET }));
  });

  it('reads the subject and the known roles, ignoring others and duplicates', async () =>
    expect(await verifier.verify(await hs256({ roles: ['auditor', 'janitor', 'auditor', 'admin'] }))).toEqual(
      {
        sub: 'ada',
        roles: ['auditor', 'admin'],
      },
    ));

  it('gives no roles to a token without the claim', async () =>
    expect(await verifier.verify(await hs256({ roles: undefined }))).toEqual({ sub: 'ada', roles: [] }));

  it('gives a contributor representative its contributor', async () =>
    expect(
      await verifier.verify(await hs256({ roles: ['contributor-representative'], contributor: 'BGD' })),
    ).toEqual({
      sub: 'ada',
      roles: ['contributor-representative'],
      contributor: 'BGD',
    }));

  it.each([
    ['missing', {}],
    ['lower case', { contributor: 'bgd' }],
    ['alpha-2', { contributor: 'BD' }],
    ['a number', { contributor: 50 }],
  ])('refuses a contributor representative whose contributor is %s', async (_what, claims) =>
    expect(
      await rejection(verifier, await hs256({ roles: ['contributor-representative'], ...claims })),
    ).toEqual([401, 'CONTRIBUTOR_CLAIM_REQUIRED']),
  );

  it('refuses an expired token', async () =>
    expect(await rejection(verifier, await hs256({ exp: now() - 3600 }))).toEqual([401, 'TOKEN_EXPIRED']));

  it.each([
    ['without exp', { exp: undefined }],
    ['without sub', { sub: undefined }],
    ['with an empty sub', { sub: ' ' }],
    ['with roles that are not a list', { roles: 'admin' }],
    ['not valid yet', { nbf: now() + 3600 }],
  ])('refuses a token %s', async (_what, claims) =>
    expect(await rejection(verifier, await hs256(claims))).toEqual([401, 'TOKEN_INVALID']),
  );

  it("refuses a token signed with another secret, saying it does not match this server's key", async () => {
    const problem = await problemOf(
      verifier,
      await hs256({}, new TextEncoder().encode('another-secret-of-at-least-32-bytes')),
    );
    expect([problem.getStatus(), problem.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(problem.message).toContain("signature does not match this server's key");
  });

  it('refuses an unsigned token (alg: none), with or without a signature part', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'ada', roles: ['admin'], exp: now() + 600 })}`;
    expect(await rejection(verifier, `${unsigned}.`)).toEqual([401, 'TOKEN_INVALID']);
    expect(await rejection(verifier, unsigned)).toEqual([401, 'TOKEN_INVALID']);
    const valid = await hs256({ roles: ['admin'] });
    expect(await rejection(verifier, `${unsigned}.${valid.split('.')[2]}`)).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refuses a token whose payload was changed', async () => {
    const [header, , signature] = (await hs256()).split('.');
    const forged = `${header}.${base64url({ sub: 'ada', roles: ['admin'], exp: now() + 600 })}.${signature}`;
    expect(await rejection(verifier, forged)).toEqual([401, 'TOKEN_INVALID']);
  });

  it.each(['', 'abc', 'a.b.c', 'a.b', '....'])('refuses the malformed token %p', async (token) =>
    expect(await rejection(verifier, token)).toEqual([401, 'TOKEN_INVALID']),
  );

  it('refuses an RS256 token: no public key is configured', async () => {
    const { privateKey } = await jose.generateKeyPair('RS256');
    const token = await new jose.SignJWT({ sub: 'ada', roles: ['admin'], exp: now() + 600 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    expect(await rejection(verifier, token)).toEqual([401, 'TOKEN_INVALID']);
  });
});

describe('JwtVerifier with JWT_ISSUER and JWT_AUDIENCE', () => {
  let verifier: JwtVerifier;
  beforeAll(async () => {
    verifier = await JwtVerifier.create(
      options({ secret: SECRET, issuer: 'https://id.un.org', audience: 'coe-ledger' }),
    );
  });

  it('accepts the configured issuer and audience', async () =>
    expect(
      await verifier.verify(await hs256({ iss: 'https://id.un.org', aud: ['other', 'coe-ledger'] })),
    ).toMatchObject({
      sub: 'ada',
    }));

  it.each([
    ['another issuer', { iss: 'https://evil.example', aud: 'coe-ledger' }],
    ['another audience', { iss: 'https://id.un.org', aud: 'other' }],
    ['no issuer', { aud: 'coe-ledger' }],
    ['no audience', { iss: 'https://id.un.org' }],
  ])('refuses %s', async (_what, claims) =>
    expect(await rejection(verifier, await hs256(claims))).toEqual([401, 'TOKEN_INVALID']),
  );
});

describe('JwtVerifier with JWT_PUBLIC_KEY', () => {
  const sign = (alg: string, key: Parameters<InstanceType<typeof jose.SignJWT>['sign']>[0]) =>
    new jose.SignJWT({ sub: 'ada', roles: ['admin'], exp: now() + 600 })
      .setProtectedHeader({ alg })
      .sign(key);

  it.each(['RS256', 'ES256'])(
    'verifies %s with the PEM key, and refuses the other algorithms',
    async (alg) => {
      const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
      const pem = await jose.exportSPKI(publicKey);
      const verifier = await JwtVerifier.create(options({ publicKey: pem }));
      expect(verifier.algorithms).toEqual([alg]);
      expect(await verifier.verify(await sign(alg, privateKey))).toEqual({ sub: 'ada', roles: ['admin'] });

      // Algorithm confusion: the public key, public knowledge, used as an HMAC secret.
      const confused = await sign('HS256', new TextEncoder().encode(pem));
      expect(await rejection(verifier, confused)).toEqual([401, 'TOKEN_INVALID']);
      const other = await jose.generateKeyPair(alg);
      expect(await rejection(verifier, await sign(alg, other.privateKey))).toEqual([401, 'TOKEN_INVALID']);
    },
  );

  it('reads a PEM whose line breaks were written \\n in an env file', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const pem = (await jose.exportSPKI(publicKey)).replace(/\n/g, '\\n');
    const verifier = await JwtVerifier.create(options({ publicKey: pem }));
    expect(await verifier.verify(await sign('ES256', privateKey))).toMatchObject({ sub: 'ada' });
  });

  it('accepts tokens of both keys when JWT_SECRET is set as well', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const verifier = await JwtVerifier.create(
      options({ secret: SECRET, publicKey: await jose.exportSPKI(publicKey) }),
    );
    expect(verifier.algorithms).toEqual(['HS256', 'RS256']);
    expect(await verifier.verify(await sign('RS256', privateKey))).toMatchObject({ sub: 'ada' });
    expect(await verifier.verify(await hs256())).toMatchObject({ sub: 'ada' });
  });

  it('refuses to start with a key of another kind', async () => {
    const { publicKey } = await jose.generateKeyPair('EdDSA', { extractable: true });
    await expect(
      JwtVerifier.create(options({ publicKey: await jose.exportSPKI(publicKey) })),
    ).rejects.toThrow(/RSA or P-256/);
  });
});

describe('JwtVerifier without a key', () => {
  it('refuses to start in production', async () =>
    await expect(
      JwtVerifier.create({ jwt: {}, dataDir: '/nonexistent', nodeEnv: 'production' }),
    ).rejects.toThrow(/NODE_ENV=production/));
});
