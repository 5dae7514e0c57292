import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// Service days from movements, strength by day and premiums, through HTTP on real PostgreSQL.
describe('service days, strength by day and premiums over HTTP', () => {
  let app: TestApp;
  let officer: string;
  const mouId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    await app.termsInForce(minusmaTerms(mouId, { personnelCeiling: 900 }));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    await app.unitMoved(mouId, { repatriatedOn: '2019-05-10' });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const post = (path: string) => app.http().post(path).set('Authorization', officer);

  it('refuses a report on a month after the unit left', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/verification-reports').send({
      mouId,
      period: '2019-06',
      ...verificationReportBody(10, '2019-07-03'),
    });
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 422,
      code: 'UNIT_NOT_DEPLOYED_IN_PERIOD',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('grants a premium with its ETag and refuses one above the cap', async () => {
    const body = {
      kind: 'risk',
      pct: '10.00',
      fromOn: '2019-04-11',
      toOn: '2019-12-31',
      grantedOn: '2019-04-05',
      reference: 'DOS/UCSD/2019/041',
    };
    const response = await post(`/v1/mous/${mouId}/premiums`).send(body);
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({ ...body, mouId, grantedBy: 'officer-a' });
    const above = await post(`/v1/mous/${mouId}/premiums`).send({
      ...body,
      kind: 'key-enabler',
      pct: '15.01',
    });
    expect({ status: above.status, code: above.body.code }).toEqual({
      status: 422,
      code: 'PREMIUM_ABOVE_CAP',
    });
  });

  it('claims a rotation month by day with its premium line', async () => {
    const report = await post('/v1/verification-reports').send({
      mouId,
      period: '2019-04',
      ...verificationReportBody(10),
      strengthByDay: [
        { fromDay: 1, toDay: 10, strength: 850 },
        { fromDay: 11, toDay: 15, strength: 950 },
        { fromDay: 16, toDay: 30, strength: 700 },
      ],
    });
    expect(report.status).toBe(201);
    const claim = await post('/v1/claims').send({ mouId, period: '2019-04', preparedOn: '2019-05-10' });
    expect(claim.status).toBe(201);
    const amounts = Object.fromEntries(
      claim.body.lines.map((l: { kind: string; amountUsd: string }) => [l.kind, l.amountUsd]),
    );
    // 850 × 10 + 900 × 5 + 700 × 15 = 23,500 person-days × 1,428 ÷ 30 = 1,118,600.00;
    // risk 10 % from 11 April: (900 × 5 + 700 × 15) × 47.60 × 10 % = 15,000 × 4.76 = 71,400.00
    expect(amounts).toMatchObject({ PERSONNEL: '1118600.00', PREMIUM_RISK: '71400.00' });
  });

  it('pays up to the repatriation day', async () => {
    await post('/v1/verification-reports').send({
      mouId,
      period: '2019-05',
      ...verificationReportBody(10, '2019-06-03'),
    });
    const claim = await post('/v1/claims').send({ mouId, period: '2019-05', preparedOn: '2019-06-10' });
    const personnel = claim.body.lines.find((l: { kind: string }) => l.kind === 'PERSONNEL');
    // 1–10 May: 800 × 1,428 × 10 ÷ 31 = 11,424,000 ÷ 31 = 368,516.129… → 368,516.13
    expect(personnel).toMatchObject({
      amountUsd: '368516.13',
      fraction: '10/31',
      serviceDays: { source: 'movements', days: 10, basis: 31, reason: null },
    });
  });
});
