import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type EmbeddedApp, startEmbeddedApp } from '../../test/reimbursement.embedded-app';

const STARTUP_MS = 120_000;

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
  let embedded: EmbeddedApp;
  let app: EmbeddedApp['app'];
  let officer: string;

  beforeAll(async () => {
    embedded = await startEmbeddedApp(UNITS);
    ({ app, officer } = embedded);
  }, STARTUP_MS);

  afterAll(() => embedded?.close(), STARTUP_MS);

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
      expect((await upload(monthCsv())).body).toEqual({
        imported: 500,
        unchanged: 0,
        rejected: [],
        warnings: [],
      });
      const importMs = Date.now() - started;
      started = Date.now();
      expect((await upload(monthCsv())).body).toEqual({
        imported: 0,
        unchanged: 500,
        rejected: [],
        warnings: [],
      });
      const againMs = Date.now() - started;
      // a figure for the README, not a check: speed goals live in `npm run bench`
      console.log(`embedded verification-report import: 500 reports ${importMs} ms, re-import ${againMs} ms`);
    },
    STARTUP_MS,
  );
});
