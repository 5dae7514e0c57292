import { MessagingModule } from '@coe/messaging';
import { type DatabaseHandle, buildHttpApp, openDatabase, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from '../reimbursement.module';

const STARTUP_MS = 120_000;
const quiet = { log: () => undefined, warn: () => undefined, error: (m: unknown) => console.error(m) };

const MISSIONS = [
  'MINUSMA',
  'UNMISS',
  'MONUSCO',
  'MINUSCA',
  'UNIFIL',
  'UNISFA',
  'UNFIL',
  'UNDOF',
  'MINURSO',
  'UNFICYP',
];
const CONTRIBUTORS = ['IND', 'RWA', 'PAK', 'BGD', 'NPL', 'ETH', 'EGY', 'GHA', 'SEN', 'CHN', 'IDN', 'MAR'];

// The demo's scale: ~3,000 certified claims (about $265M) and ~3,000 payments, on the embedded database.
const claimsCsv = (): string => {
  const rows = ['claim_ref,mission,contributor,category,period,amount,certified_on'];
  for (let i = 0; i < 3000; i++) {
    const month = 1 + (i % 12);
    const amount = (80_000 + ((i * 7919) % 20_000) + (i % 100) / 100).toFixed(2);
    rows.push(
      `LEG-${i},${MISSIONS[i % 10]},${CONTRIBUTORS[i % 12]},personnel,2018-${String(month).padStart(2, '0')},${amount},2019-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    );
  }
  return `${rows.join('\n')}\n`;
};

const paymentsCsv = (): string => {
  const rows = ['payment_ref,mission,contributor,amount,paid_on'];
  for (let i = 0; i < 3000; i++)
    rows.push(
      `PAY-${i},${MISSIONS[i % 10]},${CONTRIBUTORS[i % 12]},1000.00,2019-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    );
  return `${rows.join('\n')}\n`;
};

describe('legacy imports on the embedded database (PGlite, one connection)', () => {
  let dataDir: string;
  let database: DatabaseHandle;
  let app: NestExpressApplication;
  let officer: string;
  const config = parseConfig(
    { NODE_ENV: 'test', JWT_SECRET: 'reimbursement-embedded-secret-0123456789' },
    { defaultPort: 0 },
  );

  const start = async () =>
    buildHttpApp(
      [MessagingModule.forRoot(config, 'none', 'test'), ReimbursementModule.register({ config })],
      {
        config,
        database: { pool: database.pool },
        openApi: REIMBURSEMENT_OPENAPI,
        logger: false,
      },
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'coe-reimbursement-'));
    database = await openDatabase({ databaseUrl: undefined, dataDir }, { logger: quiet });
    app = await start();
    officer = `Bearer ${await signToken(config, { sub: 'officer-a', roles: ['finance-officer'] })}`;
  }, STARTUP_MS);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, STARTUP_MS);

  const upload = (path: string, csv: string) =>
    request(app.getHttpServer())
      .post(path)
      .set('Authorization', officer)
      .set('Content-Type', 'text/csv')
      .send(csv);

  it(
    'imports 3,000 certified claims, then 3,000 payments, well under a minute each',
    async () => {
      let started = Date.now();
      const claims = await upload('/v1/imports/certified-claims', claimsCsv());
      const claimsMs = Date.now() - started;
      expect(claims.body).toEqual({ imported: 3000, unchanged: 0, rejected: [] });

      started = Date.now();
      const payments = await upload('/v1/imports/payments', paymentsCsv());
      const paymentsMs = Date.now() - started;
      expect(payments.body).toEqual({ imported: 3000, unchanged: 0, rejected: [] });

      started = Date.now();
      expect((await upload('/v1/imports/payments', paymentsCsv())).body).toMatchObject({
        imported: 0,
        unchanged: 3000,
      });
      const againMs = Date.now() - started;
      // a figure for the README, not a check: speed goals live in `npm run bench`, never in a test
      console.log(
        `embedded imports: claims ${claimsMs} ms, payments ${paymentsMs} ms, re-import ${againMs} ms`,
      );
    },
    STARTUP_MS,
  );

  it(
    'issues the shipped rate tables once, however often the service starts',
    async () => {
      await app.close();
      app = await start();
      const { rows } = await database.pool.query(
        `select count(*)::int as n from reimbursement.events where stream_id like 'rate-table-%'`,
      );
      expect(rows[0].n).toBe(15); // the 15 versions of rate-table.seed.json
    },
    STARTUP_MS,
  );
});
