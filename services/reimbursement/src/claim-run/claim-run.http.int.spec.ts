import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';
import { requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

// One unit's April 2019 on the MINUSMA terms (ceiling 850, mission factors 1 % + 1 % + 1 % = ×1.03),
// strength 800, everything present and provided, personnel rate 1,428.00 (in force from 2018-07-01):
//   personnel        800 × 1,428.00                  = 1,142,400.00
//   APC              10 × 9,000.00 × 1.03            =    92,700.00
//   trucks           20 × 1,234.56 × 1.03 = 25,431.936 →   25,431.94
//   catering         800 × 28.43 × 1.03 = 23,426.32  →   23,426.32
//   communications   800 × 33.00 × 1.03              =    27,192.00
//   claim                                            = 1,311,150.26
const UNIT_CLAIM = '1311150.26';

describe('the monthly claims run over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let auditor: string;
  const [first, second, unreported, notInForce, repatriated] = Array.from({ length: 5 }, () =>
    randomUUID(),
  ) as [string, string, string, string, string];
  let runId: string;

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA, officerB, auditor } = await testPeople(app));
    for (const [i, mouId] of [first, second, unreported, notInForce, repatriated].entries()) {
      const mouRef = `DOS/MINUSMA/BGD/0${i + 1}`;
      await app.mouDrafted({ mouId, mouRef, mission: 'MINUSMA', contributor: 'BGD' });
      if (mouId !== notInForce) await app.termsInForce(minusmaTerms(mouId, { mouRef }));
      await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    }
    // left the mission area before April: not a unit of the month
    await app.unitMoved(repatriated, { repatriatedOn: '2019-03-20' });
    for (const mouId of [first, second]) {
      const response = await post('/v1/verification-reports', officerA).send({
        mouId,
        period: '2019-04',
        ...verificationReportBody(10),
      });
      expect(response.status).toBe(201);
    }
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);

  it('claims every unit deployed in the month and lists those it could not claim, with why', async () => {
    const response = await post('/v1/claim-runs', officerA).send({
      period: '2019-04',
      mission: 'MINUSMA',
      preparedOn: '2019-05-10',
    });
    expect(response.status).toBe(201);
    runId = response.body.runId;
    expect(response.headers.location).toBe(`/v1/claim-runs/${runId}`);
    expect(response.body).toMatchObject({
      period: '2019-04',
      mission: 'MINUSMA',
      status: 'completed',
      units: 4,
      processed: 4,
      prepared: 2,
      alreadyClaimed: 0,
      notClaimed: 2,
      amountUsd: '2622300.52', // 2 × 1,311,150.26
      awaitingCertification: 2,
    });
    expect(response.body.exceptions).toEqual([
      {
        mouId: unreported,
        mouRef: 'DOS/MINUSMA/BGD/03',
        outcome: 'not-claimed',
        code: 'VERIFICATION_REPORT_NOT_FOUND',
        reason: expect.any(String),
      },
      {
        mouId: notInForce,
        mouRef: 'DOS/MINUSMA/BGD/04',
        outcome: 'not-claimed',
        code: 'MOU_TERMS_NOT_FOUND',
        reason: expect.any(String),
      },
    ]);
    const claims = await get('/v1/claims?mission=MINUSMA&period=2019-04', auditor);
    expect(
      claims.body.items.map((c: { claimRef: string; amountUsd: string; status: string }) => [
        c.claimRef,
        c.amountUsd,
        c.status,
      ]),
    ).toEqual([
      ['DOS/MINUSMA/BGD/01/2019-04', UNIT_CLAIM, 'prepared'],
      ['DOS/MINUSMA/BGD/02/2019-04', UNIT_CLAIM, 'prepared'],
    ]);
  });

  it('changes nothing when run again: the units are already claimed', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/claim-runs', officerA).send({
      period: '2019-04',
      mission: 'MINUSMA',
      preparedOn: '2019-05-11',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ prepared: 0, alreadyClaimed: 2, notClaimed: 2, amountUsd: '0.00' });
    // only the new run's own events: started, one batch, completed
    expect(await app.eventCount()).toBe(before + 3);
    const claims = await app.events({ type: 'ClaimPrepared' });
    expect(claims).toHaveLength(2);
  });

  it('refuses certification by the officer who ran it, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post(`/v1/claim-runs/${runId}/certification`, officerA).send({
      certifiedOn: '2019-05-20',
    });
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 403,
      code: 'FOUR_EYES_REQUIRED',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('lets a second officer certify the whole run in one request', async () => {
    const response = await post(`/v1/claim-runs/${runId}/certification`, officerB).send({
      certifiedOn: '2019-05-20',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ certifications: 1, awaitingCertification: 0 });
    const certified = await app.events({ type: 'ClaimCertified' });
    expect(certified.map((e) => [e.data.claimRef, e.data.amountUsd, e.actor])).toEqual([
      ['DOS/MINUSMA/BGD/01/2019-04', UNIT_CLAIM, 'officer-b'],
      ['DOS/MINUSMA/BGD/02/2019-04', UNIT_CLAIM, 'officer-b'],
    ]);
    const again = await post(`/v1/claim-runs/${runId}/certification`, officerB).send({
      certifiedOn: '2019-05-21',
    });
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 422,
      code: 'NOTHING_TO_CERTIFY',
    });
  });

  it('lists runs and answers 404 for an unknown one', async () => {
    const list = await get('/v1/claim-runs?period=2019-04', auditor);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const missing = await get(`/v1/claim-runs/${randomUUID()}`, auditor);
    expect({ status: missing.status, code: missing.body.code }).toEqual({
      status: 404,
      code: 'CLAIM_RUN_NOT_FOUND',
    });
  });
});
