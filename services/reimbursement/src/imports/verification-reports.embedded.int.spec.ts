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

// A mission's months at once on the embedded default: 50 units × 10 months = 500 reports in one CSV.
const UNITS = Array.from({ length: 50 }, (_, i) => ({
  mouId: randomUUID(),
  mouRef: `DOS/MINUSMA/BGD/${String(i + 1).padStart(2, '0')}`,
}));
const MONTHS = Array.from({ length: 10 }, (_, m) => `2018-${String(m + 3).padStart(2, '0')}`);

const monthCsv = (): string => {
  const rows = [
    'report_ref,record,mou_ref,period,reported_on,strength,line_id,serviceable,category,provision',
  ];
  for (const [u, unit] of UNITS.entries()) {
    for (const period of MONTHS) {
      const ref = `U${u}-${period}`;
      rows.push(
        `${ref},report,${unit.mouRef},${period},2019-01-10,800,,,,`,
        `${ref},equipment,,,,,B001,10,,`,
        `${ref},equipment,,,,,B002,20,,`,
        `${ref},self_sustainment,,,,,,,catering,full`,
        `${ref},self_sustainment,,,,,,,communications,full`,
      );
    }
  }
  return `${rows.join('\n')}\n`;
};

describe('the verification-report import on the embedded database (PGlite, one connection)', () => {
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
    dataDir = await mkdtemp(join(tmpdir(), 'coe-verification-'));
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

  const upload = (csv: string) =>
    request(app.getHttpServer())
      .post('/v1/imports/verification-reports')
      .set('Authorization', officer)
      .set('Content-Type', 'text/csv')
      .send(csv);

  it(
    'imports 500 reports in one request in seconds, and the same file again as unchanged',
    async () => {
      let started = Date.now();
      expect((await upload(monthCsv())).body).toEqual({ imported: 500, unchanged: 0, rejected: [] });
      const importMs = Date.now() - started;
      started = Date.now();
      expect((await upload(monthCsv())).body).toEqual({ imported: 0, unchanged: 500, rejected: [] });
      const againMs = Date.now() - started;
      // a figure for the README, not a check: speed goals live in `npm run bench`
      console.log(`embedded verification-report import: 500 reports ${importMs} ms, re-import ${againMs} ms`);
    },
    STARTUP_MS,
  );
});
