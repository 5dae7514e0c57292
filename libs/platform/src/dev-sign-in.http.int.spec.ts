import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { type Actor, CurrentActor } from './actor';
import { buildHttpApp } from './bootstrap';
import { parseConfig } from './config';
import { Roles } from './roles';

@Controller('dev-test')
class DevTestController {
  @Get('finance')
  @Roles('finance-officer')
  finance(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

@Module({ controllers: [DevTestController] })
class DevTestModule {}

describe('the development sign-in (/v1/dev/sign-in)', () => {
  let pool: Pool;
  let dataDir: string;
  const apps: NestExpressApplication[] = [];

  const start = async (env: Record<string, string>) => {
    const config = parseConfig(
      { NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: dataDir, ...env },
      { defaultPort: 0 },
    );
    const app = await buildHttpApp(DevTestModule, {
      config,
      database: { pool },
      openApi: { title: 'dev sign-in test', description: 'test' },
      logger: false,
    });
    apps.push(app);
    return () => request(app.getHttpServer());
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    dataDir = await mkdtemp(join(tmpdir(), 'coe-dev-sign-in-'));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await pool?.end();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('with the development secret (no key configured, not production)', () => {
    let http: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      http = await start({});
    });

    it('says it is a development sign-in', async () => {
      const response = await http().get('/v1/dev/sign-in').expect(200);
      expect(response.body).toEqual({
        development: true,
        roles: ['mou-clerk', 'finance-officer', 'auditor', 'contributor-representative', 'admin'],
      });
    });

    it('gives a token the app accepts for the role picked', async () => {
      const response = await http().post('/v1/dev/sign-in').send({ role: 'finance-officer' }).expect(200);
      expect(response.body).toEqual({
        development: true,
        token: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: '8h',
        claims: { sub: 'dev-finance-officer', roles: ['finance-officer'] },
      });
      const me = await http()
        .get('/dev-test/finance')
        .auth(response.body.token, { type: 'bearer' })
        .expect(200);
      expect(me.body).toEqual({ sub: 'dev-finance-officer', roles: ['finance-officer'] });
    });

    it('gives a contributor representative their contributor, and refuses one without', async () => {
      const bgd = await http()
        .post('/v1/dev/sign-in')
        .send({ role: 'contributor-representative', contributor: 'BGD', sub: 'ms-rahman' })
        .expect(200);
      expect(bgd.body.claims).toEqual({
        sub: 'ms-rahman',
        roles: ['contributor-representative'],
        contributor: 'BGD',
      });
      const refused = await http()
        .post('/v1/dev/sign-in')
        .send({ role: 'contributor-representative' })
        .expect(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'contributor',
            message: 'contributor is required for the contributor-representative role',
          },
        ],
      });
    });

    it('refuses a role that does not exist and a contributor that is not ISO3', async () => {
      const response = await http()
        .post('/v1/dev/sign-in')
        .send({ role: 'root', contributor: 'bd' })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'contributor',
        'role',
      ]);
    });
  });

  it('does not exist when JWT_SECRET signs the tokens', async () => {
    const http = await start({ JWT_SECRET: 'a-configured-secret-0123456789abcdef' });
    expect((await http().get('/v1/dev/sign-in')).status).toBe(404);
    expect((await http().post('/v1/dev/sign-in').send({ role: 'admin' })).status).toBe(404);
  });

  it('does not exist in production', async () => {
    const http = await start({ NODE_ENV: 'production', JWT_SECRET: 'a-configured-secret-0123456789abcdef' });
    expect((await http().post('/v1/dev/sign-in').send({ role: 'admin' })).status).toBe(404);
  });
});
