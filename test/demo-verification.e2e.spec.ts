// Verification of the demo's history while the system serves (issue 20): the demo loaded through the public
// API in the single process (as `npm start` runs it, on the integration PostgreSQL), then every hash chain
// verified by POST /v1/audit/verifications while reports keep being asked; the verification must end intact
// having checked every event the stores hold, and every report asked meanwhile must answer 200.
import { AuditModule } from '@coe/audit';
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, type PlatformConfig } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import request from 'supertest';
import { waitForProjections } from '../demo/demo.figures';
import { demoTokens, type DemoTokens } from '../demo/demo.tokens';
import { loadDemo } from '../demo/load';
import { ForceGenerationModule } from '../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../services/projections/src/projections.module';
import { ReimbursementModule } from '../services/reimbursement/src/reimbursement.module';
import { randomSchema, testPool } from './support/database';

const STORES = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;
const REPORTS = [
  '/v1/reports/payables?asOf=2019-03-31',
  '/v1/reports/cash-pool?asOf=2019-03-31',
  '/v1/reports/mou-backlog?asOf=2019-10-31',
  '/v1/reports/mou-backlog/series?from=2019-01&to=2019-12',
  '/v1/reports/days-to-signature',
  '/v1/reports/contributors/IND/statement?asOf=2019-03-31',
];

const schemaPrefix = `${randomSchema('demover')}_`;
let pool: Pool;
let app: NestExpressApplication;
let config: PlatformConfig;
let tokens: DemoTokens;

beforeAll(async () => {
  config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'demo-verify-test-secret-0123456789',
    },
    { defaultPort: 0 },
  );
  pool = testPool(8);
  app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'in-process', 'test'),
      AuditModule,
      ForceGenerationModule.register({ config, schemaPrefix }),
      MouNegotiationModule.register({ config, schemaPrefix }),
      ReimbursementModule.register({ config, schemaPrefix }),
      ProjectionsModule.register({ config, schemaPrefix }),
    ],
    { config, database: { pool }, openApi: { title: 'demo', description: 'demo' }, logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  tokens = await demoTokens(config);
  const started = Date.now();
  await loadDemo(baseUrl, tokens);
  await waitForProjections(baseUrl, tokens.auditor);
  process.stderr.write(`[demo-verification] demo loaded and projected in ${Date.now() - started} ms\n`);
});

afterAll(async () => {
  await app?.close();
  if (pool) {
    const { rows } = await pool.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname like $1`,
      [`${schemaPrefix.replace(/_/g, '\\_')}%`],
    );
    for (const { name } of rows) await pool.query(`drop schema if exists "${name}" cascade`);
    await pool.end();
  }
});

type Verification = {
  status: 'running' | 'intact' | 'broken' | 'failed';
  eventsChecked: number;
  eventsTotal: number;
  firstBreak: unknown;
};

describe("the demo's history verified while the single process serves", () => {
  it('verifies every event intact while every report keeps answering 200', async () => {
    const http = () => request(app.getHttpServer());
    const auditor = `Bearer ${tokens.auditor}`;
    let events = 0;
    for (const service of STORES) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from ${serviceSchema(service, schemaPrefix)}.events`,
      );
      events += rows[0]!.n;
    }
    expect(events).toBeGreaterThan(1000);

    const started = Date.now();
    const { body: begun } = await http()
      .post('/v1/audit/verifications')
      .set('Authorization', auditor)
      .send({})
      .expect(202);
    // while it runs: a round of every report, and the verification's progress, until it ends
    const statuses: number[] = [];
    const seen: Verification[] = [];
    let view: Verification = begun as Verification;
    while (view.status === 'running') {
      for (const path of REPORTS)
        statuses.push((await http().get(path).set('Authorization', auditor)).status);
      view = (
        await http()
          .get(`/v1/audit/verifications/${begun.verificationId}`)
          .set('Authorization', auditor)
          .expect(200)
      ).body as Verification;
      seen.push(view);
    }
    const took = Date.now() - started;
    process.stderr.write(
      `[demo-verification] ${view.eventsChecked} events verified in ${took} ms, ${statuses.length} report requests meanwhile\n`,
    );
    expect(view).toMatchObject({
      status: 'intact',
      eventsChecked: events,
      eventsTotal: events,
      firstBreak: null,
    });
    // reports were asked while it ran (at least one round before it ended), and every one answered
    expect(statuses.length).toBeGreaterThanOrEqual(REPORTS.length);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // progress only goes forward
    const checked = seen.map((v) => v.eventsChecked);
    expect(checked).toEqual([...checked].sort((x, y) => x - y));
  });
});
