import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type EmbeddedApp, startEmbeddedApp } from '../../test/reimbursement.embedded-app';

const STARTUP_MS = 120_000;

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
  let embedded: EmbeddedApp;
  let app: EmbeddedApp['app'];
  let database: EmbeddedApp['database'];
  let officer: string;

  beforeAll(async () => {
    embedded = await startEmbeddedApp(UNITS);
    ({ app, database, officer } = embedded);
  }, STARTUP_MS);

  afterAll(() => embedded?.close(), STARTUP_MS);

  const post = (path: string) => request(app.getHttpServer()).post(path).set('Authorization', officer);

  // Each unit's April 2019 on the MINUSMA terms (claim-run.http.int.spec.ts): 1,311,150.26;
  // 500 units: 500 × 1,311,150.26 = 655,575,130.00.
  it(
    'claims 500 units in one run, showing its progress, in seconds',
    async () => {
      const imported = await post('/v1/imports/verification-reports')
        .set('Content-Type', 'text/csv')
        .send(monthCsv());
      expect(imported.body).toEqual({ imported: 500, unchanged: 0, rejected: [], warnings: [] });
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
