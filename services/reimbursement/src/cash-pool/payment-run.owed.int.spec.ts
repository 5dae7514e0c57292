import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// One truth about what is owed, and no fund below zero, through the HTTP API (hand-computed):
//   MINUSMA/BGD: C1 (April 2019, 10 APCs) 1,311,150.26 certified 2019-05-20, paid in full on 2019-06-01;
//     a corrected report (9 APCs) gives an adjustment of −1 × 9,270.00 = −9,270.00, certified 2019-06-05,
//     after C1 was paid: a credit. C2 50,000.00 certified 2019-07-02: owed 50,000.00 − 9,270.00 = 40,730.00.
//   UNMISS/RWA: X1 2,000.00 certified 2019-08-01; UNMISS receives 1,000.00 on 2019-09-01 and pays X1
//     1,000.00 on 2019-09-20 (recorded before the run): on 2019-09-10 it can count on 0.00.
//   MINUSMA receives 1,311,150.26 on 2019-05-25 and 100,000.00 on 2019-09-01: 100,000.00 on 2019-09-10,
//     reserve 10 % = 10,000.00, spare 90,000.00.
//   The run of 2019-09-10: C2 40,730.00 (oldest), then X1's 1,000.00 left, lent by MINUSMA: 41,730.00.
describe('what the payment run owes and spends', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  const mouId = randomUUID();

  const post = (path: string, as: string) => app.http().post(path).set('Authorization', as);
  const csv = (path: string, body: string) => post(path, officerA).set('Content-Type', 'text/csv').send(body);

  beforeAll(async () => {
    app = await startTestApp();
    officerA = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    officerB = await app.bearer({ sub: 'officer-b', roles: ['finance-officer'] });
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    await post('/v1/rate-tables/cash-pool/versions', officerA).send({
      effectiveFrom: '2019-07-01',
      issuedOn: '2019-06-30',
      pooled: true,
      operatingReservePct: '10',
    });
    await post('/v1/funds/MINUSMA/assessments', officerA).send({
      amountUsd: '1311150.26',
      receivedOn: '2019-05-25',
    });
    await post('/v1/funds/MINUSMA/assessments', officerA).send({
      amountUsd: '100000.00',
      receivedOn: '2019-09-01',
    });
    await post('/v1/funds/UNMISS/assessments', officerA).send({
      amountUsd: '1000.00',
      receivedOn: '2019-09-01',
    });

    await post('/v1/verification-reports', officerA).send({
      mouId,
      period: '2019-04',
      ...verificationReportBody(10),
    });
    const c1 = (
      await post('/v1/claims', officerA).send({ mouId, period: '2019-04', preparedOn: '2019-05-10' })
    ).body;
    expect(c1.amountUsd).toBe('1311150.26');
    await post(`/v1/claims/${c1.claimId}/certification`, officerB)
      .send({ certifiedOn: '2019-05-20' })
      .expect(200);
    expect(
      (
        await csv(
          '/v1/imports/payments',
          `payment_ref,mission,contributor,amount,paid_on,claim_ref\nP-C1,MINUSMA,BGD,1311150.26,2019-06-01,${c1.claimRef}\n`,
        )
      ).body,
    ).toEqual({ imported: 1, unchanged: 0, rejected: [] });
    await post(`/v1/verification-reports/${mouId}/2019-04/corrections`, officerA).send({
      ...verificationReportBody(9),
      reason: 'One APC found unserviceable',
    });
    const adjustment = (
      await post(`/v1/claims/${c1.claimId}/adjustments`, officerA).send({ adjustedOn: '2019-06-03' })
    ).body;
    expect(adjustment.amountUsd).toBe('-9270.00');
    await post(`/v1/claims/${adjustment.claimId}/certification`, officerB)
      .send({ certifiedOn: '2019-06-05' })
      .expect(200);
    expect(
      (
        await csv(
          '/v1/imports/certified-claims',
          `claim_ref,mission,contributor,category,period,amount,certified_on
C2-${mouId.slice(0, 8)},MINUSMA,BGD,personnel,2019-06,50000.00,2019-07-02
X1-${mouId.slice(0, 8)},UNMISS,RWA,personnel,2019-07,2000.00,2019-08-01
`,
        )
      ).body,
    ).toMatchObject({ imported: 2, rejected: [] });
    expect(
      (
        await csv(
          '/v1/imports/payments',
          'payment_ref,mission,contributor,amount,paid_on\nP-X1,UNMISS,RWA,1000.00,2019-09-20\n',
        )
      ).body,
    ).toEqual({ imported: 1, unchanged: 0, rejected: [] });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  it('an imported payment may settle only what is owed once the credit is offset', async () => {
    const before = await app.eventCount();
    const response = await csv(
      '/v1/imports/payments',
      'payment_ref,mission,contributor,amount,paid_on\nP-OVER,MINUSMA,BGD,40730.01,2019-07-15\n',
    );
    // 40,730.00 owed: one cent more is an overpayment
    expect(response.body).toMatchObject({ imported: 0, rejected: [{ line: 2, code: 'OVERPAYMENT' }] });
    expect(await app.eventCount()).toBe(before);
  });

  it('shows each claim owed by the same credit rule: C1 0.00, the credit used up, C2 40,730.00', async () => {
    const get = (path: string) => app.http().get(path).set('Authorization', officerA);
    // every status: C1 paid in full is shown `paid`, the credit and C2 `certified`
    const list = (await get('/v1/claims?mission=MINUSMA&contributor=BGD')).body.items as {
      claimId: string;
      claimRef: string;
      amountUsd: string;
      outstandingUsd: string;
      creditUsd: string;
    }[];
    // C1 1,311,150.26 paid in full; its adjustment −9,270.00 certified after the payment is a credit, absorbed
    // by C2: 50,000.00 − 9,270.00 = 40,730.00 owed, 0.00 of the credit left
    expect(list.map((c) => [c.amountUsd, c.outstandingUsd, c.creditUsd])).toEqual([
      ['1311150.26', '0.00', '0.00'],
      ['-9270.00', '0.00', '0.00'],
      ['50000.00', '40730.00', '0.00'],
    ]);
    const c2 = list[2]!;
    expect((await get(`/v1/claims/${c2.claimId}`)).body).toMatchObject({
      claimRef: c2.claimRef,
      outstandingUsd: '40730.00',
      creditUsd: '0.00',
    });
  });

  it('pays the credit-offset amount, and spends no cash a later-dated payment already took', async () => {
    const proposed = await post('/v1/payment-runs', officerA).send({
      quarter: '2019-Q3',
      runOn: '2019-09-10',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.plan).toEqual({
      pooled: true,
      // MINUSMA 100,000.00 + UNMISS 0.00 (1,000.00 on the day, 0.00 from 2019-09-20)
      availableCashUsd: '100000.00',
      reserveUsd: '10000.00',
      paidUsd: '41730.00',
      // MINUSMA's own 40,730.00; UNMISS has nothing to spend
      paidWithoutPoolUsd: '40730.00',
      payments: [
        {
          mission: 'MINUSMA',
          contributor: 'BGD',
          amountUsd: '40730.00',
          allocations: [
            expect.objectContaining({ claimRef: `C2-${mouId.slice(0, 8)}`, amountUsd: '40730.00' }),
          ],
        },
        {
          mission: 'UNMISS',
          contributor: 'RWA',
          amountUsd: '1000.00',
          allocations: [
            expect.objectContaining({ claimRef: `X1-${mouId.slice(0, 8)}`, amountUsd: '1000.00' }),
          ],
        },
      ],
      loans: [{ lenderMission: 'MINUSMA', borrowerMission: 'UNMISS', amountUsd: '1000.00' }],
    });
    await post(`/v1/payment-runs/${proposed.body.runId}/approval`, officerB).expect(200);

    const funds = await app.http().get('/v1/funds?asOf=2019-09-30').set('Authorization', officerA);
    // UNMISS: 1,000.00 + 1,000.00 borrowed − 1,000.00 (run) − 1,000.00 (P-X1) = 0.00, never −1,000.00
    // MINUSMA: 100,000.00 − 40,730.00 − 1,000.00 lent = 58,270.00, above its 10,000.00 reserve
    expect(funds.body.map((f: { mission: string; cashUsd: string }) => [f.mission, f.cashUsd])).toEqual([
      ['MINUSMA', '58270.00'],
      ['UNMISS', '0.00'],
    ]);
  });

  it('owes nothing more after the run: the next one has nothing to pay', async () => {
    const next = await post('/v1/payment-runs', officerA).send({ quarter: '2019-Q4', runOn: '2019-10-01' });
    expect({ status: next.status, code: next.body.code }).toEqual({ status: 422, code: 'NOTHING_TO_PAY' });
  });
});
