import { MessagingModule } from '@coe/messaging';
import { type DatabaseHandle, buildHttpApp, openDatabase, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { mouTermsInForcePolicy } from '../mou-terms/mou-terms-in-force.policy';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from '../reimbursement.module';
import { unitMovementsPolicy } from '../service-period/unit-movements.policy';
import { minusmaTerms } from '../../test/reimbursement.test-app';

const STARTUP_MS = 120_000;
const quiet = { log: () => undefined, warn: () => undefined, error: (m: unknown) => console.error(m) };

// A mission's month on the embedded default: 500 units, each with its report, claimed by one run.
const UNITS = Array.from({ length: 500 }, (_, i) => ({
  mouId: randomUUID(),
  mouRef: `DOS/MINUSMA/BGD/${String(i + 1).padStart(3, '0')}`,
}));
const PERIOD = '2019-04';

const monthCsv = (): string => {
  const rows = [
    'report_ref,record,mou_ref,period,reported_on,strength,line_id,serviceable,category,provision',
  ];
  for (const [u, unit] of UNITS.entries()) {
    const ref = `U${u}`;
    rows.push(
      `${ref},report,${unit.mouRef},${PERIOD},2019-05-03,800,,,,`,
      `${ref},equipment,,,,,B001,10,,`,
      `${ref},equipment,,,,,B002,20,,`,
      `${ref},self_sustainment,,,,,,,catering,full`,
      `${ref},self_sustainment,,,,,,,communications,full`,
    );
  }
  return `${rows.join('\n')}\n`;
};

describe('the monthly claims run on the embedded database (PGlite, one connection)', () => {
  let dataDir: string;
  let database: DatabaseHandle;
  let app: NestExpressApplication;
  let officer: string;
  const config = parseConfig(
    { NODE_ENV: 'test', JWT_SECRET: 'reimbursement-embedded-secret-0123456789' },
    { defaultPort: 0 },
  );

  // What mou-negotiation's MouTermsInForce and MouUnitDeployed do through the policies (no transport here).
  const deliver = async (
    handler: ReturnType<typeof unitMovementsPolicy>,
    type: string,
    data: object,
    on: string,
  ) => {
    const client = await database.pool.connect();
    try {
      await handler.handle(
        {
          id: randomUUID(),
          type,
          source: '/coe/mou-negotiation',
          streamId: `mou-${(data as { mouId: string }).mouId}`,
          streamVersion: 1n,
          globalPosition: 1n,
          transactionId: 1n,
          effectiveOn: on,
          recordedAt: new Date(),
          data,
          hash: 'test',
        },
        client,
      );
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'coe-claim-run-'));
    database = await openDatabase({ databaseUrl: undefined, dataDir }, { logger: quiet });
    app = await buildHttpApp(
      [MessagingModule.forRoot(config, 'none', 'test'), ReimbursementModule.register({ config })],
      { config, database: { pool: database.pool }, openApi: REIMBURSEMENT_OPENAPI, logger: false },
    );
    officer = `Bearer ${await signToken(config, { sub: 'officer-a', roles: ['finance-officer'] })}`;
    const terms = mouTermsInForcePolicy('reimbursement');
    const movements = unitMovementsPolicy('reimbursement');
    for (const unit of UNITS) {
      await deliver(
        terms,
        'MouTermsInForce',
        minusmaTerms(unit.mouId, { mouRef: unit.mouRef }),
        '2019-01-15',
      );
      await deliver(
        movements,
        'MouUnitDeployed',
        { mouId: unit.mouId, deployedOn: '2018-01-01' },
        '2018-01-01',
      );
    }
  }, STARTUP_MS);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, STARTUP_MS);

  const post = (path: string) => request(app.getHttpServer()).post(path).set('Authorization', officer);

  // Each unit's April 2019 on the MINUSMA terms (claim-run.http.int.spec.ts): 1,311,150.26;
  // 500 units: 500 × 1,311,150.26 = 655,575,130.00.
  it(
    'claims 500 units in one run, showing its progress, in seconds',
    async () => {
      const imported = await post('/v1/imports/verification-reports')
        .set('Content-Type', 'text/csv')
        .send(monthCsv());
      expect(imported.body).toEqual({ imported: 500, unchanged: 0, rejected: [] });
      const started = Date.now();
      const run = await post('/v1/claim-runs').send({
        period: PERIOD,
        mission: 'MINUSMA',
        preparedOn: '2019-05-10',
      });
      const runMs = Date.now() - started;
      expect(run.status).toBe(201);
      expect(run.body).toMatchObject({
        status: 'completed',
        units: 500,
        processed: 500,
        prepared: 500,
        notClaimed: 0,
        amountUsd: '655575130.00',
      });
      // progress is recorded batch by batch: 500 units in batches of 50 are 10 batches
      const { rows } = await database.pool.query<{ n: number }>(
        `select count(*)::int as n from reimbursement.events where stream_id = $1 and event_type = 'ClaimRunBatchRecorded'`,
        [`claim-run-${run.body.runId}`],
      );
      expect(rows[0]!.n).toBe(10);
      // a figure for the README, not a check: speed goals live in `npm run bench`
      console.log(`embedded monthly claims run: 500 units in ${runMs} ms`);
    },
    STARTUP_MS,
  );
});
