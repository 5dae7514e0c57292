import { MessagingModule } from '@coe/messaging';
import {
  type OpenApiOptions,
  type PlatformConfig,
  buildHttpApp,
  declaredErrorStatuses,
  openApiGaps,
  parseConfig,
} from '@coe/platform';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import request from 'supertest';
import {
  FORCE_GENERATION_OPENAPI,
  ForceGenerationModule,
} from './force-generation/src/force-generation.module';
import { MOU_NEGOTIATION_OPENAPI, MouNegotiationModule } from './mou-negotiation/src/mou-negotiation.module';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from './projections/src/projections.module';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from './reimbursement/src/reimbursement.module';

// What every service answers (CONTRACT.md section 1 and 3), checked on each composition root.
const services: [string, (config: PlatformConfig) => DynamicModule, OpenApiOptions][] = [
  ['force-generation', (config) => ForceGenerationModule.register({ config }), FORCE_GENERATION_OPENAPI],
  ['mou-negotiation', (config) => MouNegotiationModule.register({ config }), MOU_NEGOTIATION_OPENAPI],
  ['reimbursement', (config) => ReimbursementModule.register({ config }), REIMBURSEMENT_OPENAPI],
  ['projections', (config) => ProjectionsModule.register({ config }), PROJECTIONS_OPENAPI],
];

describe.each(services)('%s service', (_name, register, openApi) => {
  let pool: Pool;
  let app: NestExpressApplication;

  beforeAll(async () => {
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'services-http-test-secret-0123456789',
      },
      { defaultPort: 0 },
    );
    pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    const modules = [MessagingModule.forRoot(config, 'none', 'test'), register(config)];
    app = await buildHttpApp(modules, { config, database: { pool }, openApi, logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  const http = () => request(app.getHttpServer());

  it('is healthy', async () => {
    const response = await http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', checks: { database: { ok: true } } });
  });

  it('serves Prometheus metrics', async () => {
    const response = await http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toContain('process_cpu_user_seconds_total');
  });

  it('serves its OpenAPI document and UI', async () => {
    const document = await http().get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: openApi.title },
    });
    // the same walk as the single process's (test/openapi.e2e.spec.ts), on this service's own document
    expect(openApiGaps(document.body, declaredErrorStatuses())).toEqual([]);
    const ui = await http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('answers an unknown route with a problem', async () => {
    const response = await http().get('/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers a malformed JSON body with a problem', async () => {
    const response = await http()
      .post('/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"oops"');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });
});
