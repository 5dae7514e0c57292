// The demo through the public API of the four services in one app (as `npm start` runs them, on the
// integration PostgreSQL): loaded twice, the reports answer the figures of the 2019 report exactly.
import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { buildHttpApp, parseConfig, type PlatformConfig } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import { fundHistory, PAYMENT_RUN, plannedRun, POOL_GAIN_USD } from '../demo/cash-pool.demo';
import { readFigures, REPORT_FIGURES, waitForProjections } from '../demo/demo.figures';
import { demoHttp } from '../demo/demo.http';
import { demoTokens, type DemoTokens } from '../demo/demo.tokens';
import { type LoadReport, loadDemo } from '../demo/load';
import { buildMouRegister } from '../demo/mou-register.demo';
import { buildPayables } from '../demo/payables.demo';
import { ForceGenerationModule } from '../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../services/projections/src/projections.module';
import { ReimbursementModule } from '../services/reimbursement/src/reimbursement.module';
import { randomSchema, testPool } from './support/database';

const schemaPrefix = `${randomSchema('demo')}_`;
let pool: Pool;
let app: NestExpressApplication;
let config: PlatformConfig;
let baseUrl: string;
let tokens: DemoTokens;
let first: LoadReport;

beforeAll(async () => {
  config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'demo-e2e-test-secret-0123456789',
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
  baseUrl = await app.getUrl();
  tokens = await demoTokens(config);
  const started = Date.now();
  const steps: string[] = [];
  first = await loadDemo(baseUrl, tokens, { log: (line) => steps.push(line) });
  await waitForProjections(baseUrl, tokens.auditor);
  steps.push(`loaded and projected in ${Date.now() - started} ms`);
  process.stderr.write(steps.map((line) => `[demo] ${line}\n`).join(''));
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

describe('the demo data, loaded through the public API', () => {
  it('imports every row of the register, the claims and the payments', () => {
    const { claims, payments } = buildPayables();
    expect(first.register).toEqual({ imported: buildMouRegister().length, unchanged: 0 });
    expect(first.claims).toEqual({ imported: claims.length, unchanged: 0 });
    expect(first.fundHistory).toEqual({ imported: fundHistory().length, unchanged: 0 });
    expect(first.payments).toEqual({ imported: payments.length, unchanged: 0 });
    expect(first.cashPoolSettings).toBe('issued');
    expect(first.assessments.alreadyReceived).toBe(0);
    expect(first.paymentRun).toMatchObject({ executedNow: true, paidUsd: plannedRun().paidUsd });
  });

  it('gives every fund the history that keeps it from going negative on any payment date', async () => {
    const { payments } = buildPayables();
    const dates = [...new Set([...payments.map((p) => p.paid_on), PAYMENT_RUN.runOn])].sort();
    const negative: string[] = [];
    for (const asOf of dates) {
      const funds = await demoHttp(baseUrl).get<{ mission: string; cashUsd: string }[]>(
        `/v1/funds?asOf=${asOf}`,
        tokens.auditor,
      );
      for (const f of funds)
        if (f.cashUsd.startsWith('-')) negative.push(`${f.mission} ${asOf} ${f.cashUsd}`);
    }
    expect(negative).toEqual([]);
  });

  it('reproduces the backlog, the days to signature and the payables of the 2019 report', async () => {
    const figures = await readFigures(baseUrl, tokens.auditor);
    expect(figures.backlog).toEqual({
      deployedUnits: 356,
      pendingSignature: 13,
      pendingSignatureBeforeDeployment: 4,
    });
    expect(figures.backlog.deployedUnits).toBeGreaterThanOrEqual(350);
    expect(figures.averageDays).toEqual({ 2017: 646, 2018: 600, 2019: 375 });
    expect(figures.payables).toEqual(REPORT_FIGURES.payables);
  });

  it('pays $216M more in the 2019-Q3 run than the missions’ own cash would have allowed', async () => {
    const figures = await readFigures(baseUrl, tokens.auditor);
    const run = plannedRun();
    expect(figures.paymentRun).toEqual({
      paid: run.paidUsd,
      paidWithoutPool: run.paidWithoutPoolUsd,
      paidThanksToPool: '216000000.00',
    });
    expect(POOL_GAIN_USD).toBe('216000000.00');
    const runs = await demoHttp(baseUrl).get<
      { status: string; runOn: string; proposedOn: string; approvedOn: string; proposedAt: string }[]
    >(`/v1/payment-runs?quarter=${PAYMENT_RUN.quarter}`, tokens.officerA);
    // the run's business dates are 2019's; the instant it was recorded is the load's
    expect(
      runs.map(({ status, runOn, proposedOn, approvedOn }) => ({ status, runOn, proposedOn, approvedOn })),
    ).toEqual([
      {
        status: 'executed',
        runOn: PAYMENT_RUN.runOn,
        proposedOn: PAYMENT_RUN.proposedOn,
        approvedOn: PAYMENT_RUN.approvedOn,
      },
    ]);
    expect(runs[0]!.proposedOn.startsWith('2019-')).toBe(true);
    expect(runs[0]!.proposedAt.startsWith('2019-')).toBe(false);
  });

  it('changes nothing when loaded a second time', async () => {
    const { claims, payments } = buildPayables();
    const again = await loadDemo(baseUrl, tokens);
    expect(again).toEqual({
      register: { imported: 0, unchanged: buildMouRegister().length },
      claims: { imported: 0, unchanged: claims.length },
      fundHistory: { imported: 0, unchanged: fundHistory().length },
      payments: { imported: 0, unchanged: payments.length },
      cashPoolSettings: 'already issued',
      assessments: { posted: 0, alreadyReceived: first.assessments.posted },
      paymentRun: { ...first.paymentRun, executedNow: false },
    });
    await waitForProjections(baseUrl, tokens.auditor);
    const runs = await demoHttp(baseUrl).get<{ runs: unknown[] }>('/v1/reports/payment-runs', tokens.auditor);
    expect(runs.runs).toHaveLength(1);
    expect((await readFigures(baseUrl, tokens.auditor)).backlog.pendingSignature).toBe(13);
  });
});
