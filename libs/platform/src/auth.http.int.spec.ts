import { Controller, Get, type LoggerService, Module, Param } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CryptoKey } from 'jose';
import { Pool } from 'pg';
import request from 'supertest';
import { type Actor, CurrentActor, Public } from './actor';
import { buildHttpApp } from './bootstrap';
import { type PlatformConfig, parseConfig } from './config';
import { assertSameContributor, contributorScope } from './contributor-scope';
import { jose } from './jose';
import { devJwtSecretPath } from './jwt-keys';
import { ROLES, Roles } from './roles';
import { routeRoleTable } from './route-roles';
import { signToken } from './token-signer';

@Controller('auth-test')
class AuthTestController {
  @Get('open')
  @Public()
  open(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Get('clerks')
  @Roles('mou-clerk')
  clerks(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Get('unmarked')
  unmarked(): { ok: boolean } {
    return { ok: true };
  }

  @Get('payables/:contributor')
  @Roles('finance-officer', 'contributor-representative')
  payables(@Param('contributor') contributor: string, @CurrentActor() actor: Actor): object {
    assertSameContributor(actor, contributor);
    return { contributor, scope: contributorScope(actor) ?? null };
  }
}

@Roles('auditor')
@Controller('audit-test')
class AuditTestController {
  @Get()
  list(): { ok: boolean } {
    return { ok: true };
  }

  @Get('admins')
  @Roles()
  admins(): { ok: boolean } {
    return { ok: true };
  }

  @Get('auditors-and-admins')
  @Roles('auditor', 'admin')
  auditorsAndAdmins(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [AuthTestController, AuditTestController] })
class AuthTestModule {}

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const repoRoot = resolve(__dirname, '../../..');

const expectProblem = (response: request.Response, status: number, code: string): void => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), detail: expect.any(String) });
};

describe('authentication and roles', () => {
  let pool: Pool;
  const apps: NestExpressApplication[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    error: (message) => errors.push(String(message)),
    warn: (message) => warnings.push(String(message)),
  };

  const start = async (env: Record<string, string>): Promise<NestExpressApplication> => {
    const config = parseConfig(
      { NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, ...env },
      { defaultPort: 0 },
    );
    const app = await buildHttpApp(AuthTestModule, {
      config,
      database: { pool },
      openApi: { title: 'auth test', description: 'auth' },
      logger,
    });
    apps.push(app);
    return app;
  };

  beforeAll(() => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await pool?.end();
  });

  afterEach(() => {
    // Logged errors other than the JWKS outage the test provokes are failures.
    expect(errors.filter((message) => !message.startsWith('JWKS'))).toEqual([]);
  });

  describe('with JWT_SECRET, JWT_ISSUER and JWT_AUDIENCE', () => {
    const env = {
      JWT_SECRET: 'auth-int-test-secret-of-32-bytes-or-more',
      JWT_ISSUER: 'https://id.example.org',
      JWT_AUDIENCE: 'coe-ledger',
    };
    let config: PlatformConfig;
    let app: NestExpressApplication;
    const http = () => request(app.getHttpServer());
    const token = (roles: string[], extra: { contributor?: string; sub?: string } = {}) =>
      signToken(config, { roles, sub: extra.sub ?? 'ada', contributor: extra.contributor });
    const sign = (claims: Record<string, unknown>, secret = env.JWT_SECRET) =>
      new jose.SignJWT({
        sub: 'ada',
        roles: ['admin'],
        iss: env.JWT_ISSUER,
        aud: env.JWT_AUDIENCE,
        exp: now() + 600,
        ...claims,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(secret));

    beforeAll(async () => {
      config = parseConfig({ NODE_ENV: 'test', ...env }, { defaultPort: 0 });
      app = await start(env);
    });

    it('answers 401 UNAUTHENTICATED with a Bearer challenge when there is no token', async () => {
      const response = await http().get('/auth-test/clerks');
      expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="coe-ledger"');
      expectProblem(
        await http().get('/auth-test/clerks').set('Authorization', 'Basic YWRhOnB3'),
        401,
        'UNAUTHENTICATED',
      );
    });

    it.each(['Bearer', 'Bearer not-a-jwt', 'Bearer a.b.c', 'Bearer two words'])(
      'answers 401 TOKEN_INVALID to the malformed "%s"',
      async (header) => {
        const response = await http().get('/auth-test/clerks').set('Authorization', header);
        expectProblem(response, 401, 'TOKEN_INVALID');
        expect(response.headers['www-authenticate']).toBe('Bearer realm="coe-ledger", error="invalid_token"');
      },
    );

    it('answers 401 to an unsigned token (alg: none)', async () => {
      const unsigned = `${base64url({ alg: 'none' })}.${base64url({
        sub: 'ada',
        roles: ['admin'],
        iss: env.JWT_ISSUER,
        aud: env.JWT_AUDIENCE,
        exp: now() + 600,
      })}.`;
      expectProblem(
        await http().get('/auth-test/clerks').auth(unsigned, { type: 'bearer' }),
        401,
        'TOKEN_INVALID',
      );
    });

    it('answers 401 to a token signed with another secret', async () =>
      expectProblem(
        await http()
          .get('/auth-test/clerks')
          .auth(await sign({}, 'someone-elses-secret-of-32-bytes-or-more'), { type: 'bearer' }),
        401,
        'TOKEN_INVALID',
      ));

    it('answers 401 TOKEN_EXPIRED to an expired token', async () => {
      const response = await http()
        .get('/auth-test/clerks')
        .auth(await sign({ exp: now() - 3600 }), { type: 'bearer' });
      expectProblem(response, 401, 'TOKEN_EXPIRED');
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it.each([
      ['another issuer', { iss: 'https://evil.example.org' }],
      ['another audience', { aud: 'another-api' }],
      ['no issuer', { iss: undefined }],
    ])('answers 401 to a token from %s', async (_what, claims) =>
      expectProblem(
        await http()
          .get('/auth-test/clerks')
          .auth(await sign(claims), { type: 'bearer' }),
        401,
        'TOKEN_INVALID',
      ),
    );

    it('answers 403 FORBIDDEN to a valid token without a permitted role', async () => {
      const response = await http()
        .get('/auth-test/clerks')
        .auth(await token(['auditor', 'finance-officer', 'someone-else']), { type: 'bearer' });
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.body.detail).toContain('mou-clerk');
    });

    it('names each permitted role once, admin included', async () => {
      const response = await http()
        .get('/audit-test/auditors-and-admins')
        .auth(await token(['finance-officer']), { type: 'bearer' });
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.body.detail).toBe('This route needs one of the roles: auditor, admin.');
    });

    it('lets a permitted role through and gives the handler the actor', async () => {
      const response = await http()
        .get('/auth-test/clerks')
        .auth(await token(['mou-clerk', 'unknown-role']), { type: 'bearer' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ sub: 'ada', roles: ['mou-clerk'] });
    });

    it('lets admin through everywhere, including routes declaring no roles', async () => {
      const admin = await token(['admin']);
      for (const path of ['/auth-test/clerks', '/auth-test/unmarked', '/audit-test', '/audit-test/admins']) {
        expect((await http().get(path).auth(admin, { type: 'bearer' })).status).toBe(200);
      }
    });

    it('denies a route without @Roles() to every role but admin', async () => {
      const everyone = await token(['mou-clerk', 'finance-officer', 'auditor']);
      expectProblem(
        await http().get('/auth-test/unmarked').auth(everyone, { type: 'bearer' }),
        403,
        'FORBIDDEN',
      );
    });

    it("applies the controller's roles, and a handler's @Roles() instead of them", async () => {
      const auditor = await token(['auditor']);
      expect((await http().get('/audit-test').auth(auditor, { type: 'bearer' })).status).toBe(200);
      expectProblem(
        await http().get('/audit-test/admins').auth(auditor, { type: 'bearer' }),
        403,
        'FORBIDDEN',
      );
    });

    it('needs no token on public routes, and ignores a bad one there', async () => {
      expect((await http().get('/auth-test/open')).body).toEqual({ sub: 'anonymous', roles: [] });
      expect((await http().get('/health').set('Authorization', 'Bearer nonsense')).status).toBe(200);
      expect((await http().get('/metrics')).status).toBe(200);
      expect((await http().get('/openapi.json')).status).toBe(200);
      expect((await http().get('/docs')).status).toBe(200);
    });

    describe('a contributor representative', () => {
      it('sees its own contributor, limited to it', async () => {
        const bgd = await token(['contributor-representative'], { contributor: 'BGD' });
        const response = await http().get('/auth-test/payables/BGD').auth(bgd, { type: 'bearer' });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ contributor: 'BGD', scope: 'BGD' });
      });

      it("gets 403 CONTRIBUTOR_SCOPE for another contributor's data", async () => {
        const bgd = await token(['contributor-representative'], { contributor: 'BGD' });
        expectProblem(
          await http().get('/auth-test/payables/NPL').auth(bgd, { type: 'bearer' }),
          403,
          'CONTRIBUTOR_SCOPE',
        );
      });

      it('is not limited when the token also has another role the route allows', async () => {
        const both = await token(['contributor-representative', 'finance-officer'], { contributor: 'BGD' });
        expect((await http().get('/auth-test/payables/NPL').auth(both, { type: 'bearer' })).body).toEqual({
          contributor: 'NPL',
          scope: null,
        });
      });

      it('stays limited when its other role is not allowed on the route', async () => {
        const withAuditor = await token(['contributor-representative', 'auditor'], { contributor: 'BGD' });
        expectProblem(
          await http().get('/auth-test/payables/NPL').auth(withAuditor, { type: 'bearer' }),
          403,
          'CONTRIBUTOR_SCOPE',
        );
      });

      it('needs a contributor claim', async () => {
        const response = await http()
          .get('/auth-test/payables/BGD')
          .auth(await sign({ roles: ['contributor-representative'] }), { type: 'bearer' });
        expectProblem(response, 401, 'CONTRIBUTOR_CLAIM_REQUIRED');
      });

      it('cannot use routes that do not list its role', async () => {
        const bgd = await token(['contributor-representative'], { contributor: 'BGD' });
        expectProblem(await http().get('/auth-test/clerks').auth(bgd, { type: 'bearer' }), 403, 'FORBIDDEN');
      });
    });

    it('lists every route with its roles', () => {
      const table = routeRoleTable(app);
      const byRoute = Object.fromEntries(
        table.map(({ method, path, roles, public: open }) => [`${method} ${path}`, { roles, public: open }]),
      );
      expect(byRoute).toEqual({
        'GET /auth-test/clerks': { roles: ['mou-clerk', 'admin'], public: false },
        'GET /auth-test/open': { roles: [], public: true },
        'GET /auth-test/payables/:contributor': {
          roles: ['finance-officer', 'contributor-representative', 'admin'],
          public: false,
        },
        'GET /auth-test/unmarked': { roles: ['admin'], public: false },
        'GET /audit-test': { roles: ['auditor', 'admin'], public: false },
        'GET /audit-test/admins': { roles: ['admin'], public: false },
        'GET /audit-test/auditors-and-admins': { roles: ['auditor', 'admin'], public: false },
        'GET /health': { roles: [], public: true },
        'GET /health/live': { roles: [], public: true },
        'GET /metrics': { roles: [], public: true },
      });
    });

    it('warns at startup about routes that declare no roles', () =>
      expect(warnings).toContainEqual(
        expect.stringMatching(/neither @Roles\(\) nor @Public\(\).*GET \/auth-test\/unmarked/),
      ));

    it("writes each operation's roles into the OpenAPI document", async () => {
      const { paths } = (await http().get('/openapi.json')).body;
      expect(paths['/auth-test/payables/{contributor}'].get).toMatchObject({
        'x-roles': ['finance-officer', 'contributor-representative', 'admin'],
        description: expect.stringContaining('Roles: finance-officer, contributor-representative, admin.'),
        responses: { '401': expect.any(Object), '403': expect.any(Object) },
      });
      expect(paths['/auth-test/unmarked'].get['x-roles']).toEqual(['admin']);
      expect(paths['/health'].get).toMatchObject({ 'x-roles': [], security: [] });
      expect(paths['/auth-test/open'].get.security).toEqual([]);
      expect(paths['/auth-test/clerks'].get.security).toBeUndefined();
    });
  });

  describe('with JWT_PUBLIC_KEY (RS256)', () => {
    let app: NestExpressApplication;
    let privateKey: CryptoKey;
    let pem: string;

    beforeAll(async () => {
      const pair = await jose.generateKeyPair('RS256', { extractable: true });
      privateKey = pair.privateKey;
      pem = await jose.exportSPKI(pair.publicKey);
      app = await start({ JWT_PUBLIC_KEY: pem });
    });

    it('accepts an RS256 token signed with the private key', async () => {
      const jwt = await new jose.SignJWT({ sub: 'ada', roles: ['mou-clerk'], exp: now() + 600 })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);
      expect(
        (await request(app.getHttpServer()).get('/auth-test/clerks').auth(jwt, { type: 'bearer' })).status,
      ).toBe(200);
    });

    it('refuses an HS256 token made with the public key as the secret (algorithm confusion)', async () => {
      const jwt = await new jose.SignJWT({ sub: 'ada', roles: ['admin'], exp: now() + 600 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(pem));
      expectProblem(
        await request(app.getHttpServer()).get('/auth-test/clerks').auth(jwt, { type: 'bearer' }),
        401,
        'TOKEN_INVALID',
      );
    });
  });

  describe('with JWT_JWKS_URL (ES256)', () => {
    let server: Server;
    let app: NestExpressApplication;
    let privateKey: CryptoKey;
    let fetches = 0;

    beforeAll(async () => {
      const pair = await jose.generateKeyPair('ES256', { extractable: true });
      privateKey = pair.privateKey;
      const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
      server = createServer((_request, response) => {
        fetches += 1;
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      app = await start({ JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    });

    afterAll(async () => {
      await new Promise((done) => server?.close(done));
    });

    const es256 = (kid: string) =>
      new jose.SignJWT({ sub: 'ada', roles: ['mou-clerk'], exp: now() + 600 })
        .setProtectedHeader({ alg: 'ES256', kid })
        .sign(privateKey);

    it('accepts an ES256 token whose key is in the JWKS, fetching the set once', async () => {
      for (let i = 0; i < 3; i += 1) {
        const response = await request(app.getHttpServer())
          .get('/auth-test/clerks')
          .auth(await es256('key-1'), { type: 'bearer' });
        expect(response.status).toBe(200);
      }
      expect(fetches).toBe(1);
    });

    it('refuses a token whose key is not in the JWKS', async () =>
      expectProblem(
        await request(app.getHttpServer())
          .get('/auth-test/clerks')
          .auth(await es256('key-2'), { type: 'bearer' }),
        401,
        'TOKEN_INVALID',
      ));

    it('answers 503 when the JWKS cannot be fetched: an outage, not a bad token', async () => {
      const closed = createServer();
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
      const { port } = closed.address() as AddressInfo;
      await new Promise((done) => closed.close(done));
      const unreachable = await start({ JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` });
      expectProblem(
        await request(unreachable.getHttpServer())
          .get('/auth-test/clerks')
          .auth(await es256('key-1'), { type: 'bearer' }),
        503,
        'AUTHENTICATION_UNAVAILABLE',
      );
      expect(errors).toContainEqual(expect.stringContaining(`JWKS http://127.0.0.1:${port}/jwks.json`));
    });
  });

  describe('without any key (development)', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'coe-auth-'));
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('will not mint a token without a secret a server knows, and says where it looked', async () => {
      const refused = await promisify(execFile)(
        process.execPath,
        [join(repoRoot, 'scripts/token.mjs'), '--role', 'admin'],
        {
          env: { PATH: process.env.PATH, DATA_DIR: dataDir },
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`No development secret at ${devJwtSecretPath(dataDir)}`);
      await expect(stat(devJwtSecretPath(dataDir))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('creates a secret under DATA_DIR once (mode 0600) when asked, which `npm run token` signs with', async () => {
      const token = await promisify(execFile)(
        process.execPath,
        [
          join(repoRoot, 'scripts/token.mjs'),
          '--create-secret',
          '--role',
          'contributor-representative',
          '--contributor',
          'BGD',
          '--sub',
          'rep',
        ],
        { env: { PATH: process.env.PATH, DATA_DIR: dataDir } },
      );
      const secret = await readFile(devJwtSecretPath(dataDir), 'utf8');
      expect((await stat(devJwtSecretPath(dataDir))).mode & 0o777).toBe(0o600);

      const app = await start({ DATA_DIR: dataDir });
      expect(await readFile(devJwtSecretPath(dataDir), 'utf8')).toBe(secret);
      const response = await request(app.getHttpServer())
        .get('/auth-test/payables/BGD')
        .auth(token.stdout.trim(), { type: 'bearer' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ contributor: 'BGD', scope: 'BGD' });
      expect(token.stderr).not.toContain(secret.trim());
      expect(token.stderr).toContain(`Signed with the development secret ${devJwtSecretPath(dataDir)}`);
      expect(warnings.join('\n')).not.toContain(secret.trim());
      expect(warnings).toContainEqual(expect.stringContaining('npm run token'));
    });

    it('knows the same roles as the server', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        join(repoRoot, 'scripts/token.mjs'),
        '--help',
      ]);
      expect(stdout).toContain(`Roles: ${ROLES.join(', ')}`);
    });

    it('refuses to mint a token in production without JWT_SECRET', async () => {
      await expect(
        promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/token.mjs'), '--role', 'admin'], {
          env: { PATH: process.env.PATH, DATA_DIR: dataDir, NODE_ENV: 'production' },
        }),
      ).rejects.toMatchObject({ code: 1 });
    });
  });
});
