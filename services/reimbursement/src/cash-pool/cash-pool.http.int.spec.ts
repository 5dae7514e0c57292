import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

const CLAIMS = `claim_ref,mission,contributor,category,period,amount,certified_on
A,MINUSMA,BGD,personnel,2018-12,300.00,2019-01-10
B,MONUSCO,IND,personnel,2019-01,500.00,2019-02-01
C,UNMISS,RWA,personnel,2019-02,400.00,2019-03-01
`;

describe('the cash pool and quarterly payment runs over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let auditor: string;
  let runId: string;

  beforeAll(async () => {
    app = await startTestApp();
    officerA = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    officerB = await app.bearer({ sub: 'officer-b', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    const post = (path: string, body: object) =>
      app.http().post(path).set('Authorization', officerA).send(body);
    await app
      .http()
      .post('/v1/imports/certified-claims')
      .set('Authorization', officerA)
      .set('Content-Type', 'text/csv')
      .send(CLAIMS);
    await post('/v1/funds/MINUSMA/assessments', { amountUsd: '100.00', receivedOn: '2019-07-05' });
    await post('/v1/funds/UNMISS/assessments', { amountUsd: '1000', receivedOn: '2019-07-10' });
    // the pool is in force from 2019-07-01 (shipped data); the reserve becomes 10 % from then
    await post('/v1/rate-tables/cash-pool/versions', {
      effectiveFrom: '2019-07-01',
      issuedOn: '2019-06-30',
      pooled: true,
      operatingReservePct: '10',
    });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const post = (path: string, as: string, body: object = {}) =>
    app.http().post(path).set('Authorization', as).send(body);
  const get = (path: string) => app.http().get(path).set('Authorization', auditor);
  const rejected = async (
    response: { status: number; body: { code?: string } },
    status: number,
    code: string,
    before: number,
  ) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(await app.eventCount()).toBe(before);
  };

  /** When each event of the run was recorded, by type, as the audit log shows it. */
  const recordedAt = async (id: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      (await get(`/v1/audit/streams/payment-run-${id}/events`)).body.events.map(
        (e: { type: string; recordedAt: string }) => [e.type, e.recordedAt],
      ),
    );

  it('is proposed by one officer with its plan: oldest payables first, short missions borrowing from the pool', async () => {
    const response = await post('/v1/payment-runs', officerA, {
      quarter: '2019-Q3',
      runOn: '2019-09-25',
      proposedOn: '2019-09-20',
    });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    runId = response.body.runId;
    // the business date typed, apart from the instant the proposal was recorded
    const recorded = await recordedAt(runId);
    expect(recorded.PaymentRunProposed).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(response.body).toMatchObject({
      quarter: '2019-Q3',
      runOn: '2019-09-25',
      status: 'proposed',
      proposedOn: '2019-09-20',
      proposedAt: recorded.PaymentRunProposed,
      proposedBy: 'officer-a',
      approvedOn: null,
      approvedAt: null,
      plan: {
        pooled: true,
        availableCashUsd: '1100.00',
        reserveUsd: '110.00',
        paidUsd: '990.00',
        paidWithoutPoolUsd: '490.00',
        loans: [
          { lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '210.00' },
          { lenderMission: 'UNMISS', borrowerMission: 'MONUSCO', amountUsd: '500.00' },
        ],
      },
    });
  });

  it('is not approved by the officer who proposed it', async () => {
    const before = await app.eventCount();
    await rejected(
      await post(`/v1/payment-runs/${runId}/approval`, officerA),
      403,
      'FOUR_EYES_REQUIRED',
      before,
    );
  });

  it('is not approved on a business date before its proposal', async () => {
    const before = await app.eventCount();
    await rejected(
      await post(`/v1/payment-runs/${runId}/approval`, officerB, { approvedOn: '2019-09-19' }),
      422,
      'APPROVED_BEFORE_PROPOSED',
      before,
    );
  });

  it('is executed on a second officer’s approval into loans, payments with allocations and the run’s result', async () => {
    const response = await post(`/v1/payment-runs/${runId}/approval`, officerB, {
      approvedOn: '2019-09-24',
    }).set('If-Match', '"1"');
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"3"');
    const recorded = await recordedAt(runId);
    expect(response.body).toMatchObject({
      status: 'executed',
      proposedOn: '2019-09-20',
      proposedAt: recorded.PaymentRunProposed,
      approvedOn: '2019-09-24',
      approvedAt: recorded.PaymentRunApproved,
      approvedBy: 'officer-b',
    });
    expect(recorded.PaymentRunApproved).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    const [approved] = await app.events({ type: 'PaymentRunApproved' });
    expect(approved).toMatchObject({ effectiveOn: '2019-09-24', data: { approvedOn: '2019-09-24' } });

    const loans = await app.events({ type: 'InterMissionLoanMade' });
    expect(
      loans.map((e) => [e.data.lenderMission, e.data.borrowerMission, e.data.amountUsd, e.data.lentOn]),
    ).toEqual([
      ['UNMISS', 'MINUSMA', '210.00', '2019-09-25'],
      ['UNMISS', 'MONUSCO', '500.00', '2019-09-25'],
    ]);
    const payments = await app.events({ type: 'PaymentMade' });
    expect(payments.map((e) => e.data)).toEqual([
      expect.objectContaining({
        mission: 'MINUSMA',
        contributor: 'BGD',
        amountUsd: '300.00',
        paidOn: '2019-09-25',
        paymentRunId: runId,
        allocations: [expect.objectContaining({ claimRef: 'A', amountUsd: '300.00' })],
      }),
      expect.objectContaining({
        mission: 'MONUSCO',
        contributor: 'IND',
        amountUsd: '500.00',
        allocations: [expect.objectContaining({ claimRef: 'B', amountUsd: '500.00' })],
      }),
      expect.objectContaining({
        mission: 'UNMISS',
        contributor: 'RWA',
        amountUsd: '190.00',
        allocations: [expect.objectContaining({ claimRef: 'C', amountUsd: '190.00' })],
      }),
    ]);
    const [executed] = await app.events({ type: 'PaymentRunExecuted' });
    expect(executed).toMatchObject({
      effectiveOn: '2019-09-25',
      actor: 'officer-b',
      data: {
        runId,
        quarter: '2019-Q3',
        executedOn: '2019-09-25',
        availableCashUsd: '1100.00',
        reserveUsd: '110.00',
        paidUsd: '990.00',
        paidWithoutPoolUsd: '490.00',
      },
    });
  });

  it('is executed once', async () => {
    const before = await app.eventCount();
    await rejected(
      await post(`/v1/payment-runs/${runId}/approval`, officerB),
      409,
      'PAYMENT_RUN_ALREADY_EXECUTED',
      before,
    );
  });

  it('leaves each fund with what it had, less what it paid and lent, plus what it borrowed', async () => {
    const funds = await get('/v1/funds?asOf=2019-09-30');
    expect(funds.body).toEqual([
      {
        mission: 'MINUSMA',
        receivedUsd: '100.00',
        paidUsd: '300.00',
        lentOutstandingUsd: '0.00',
        // 300.00 − (100.00 − 10.00 reserve) = 210.00 borrowed; 100.00 − 300.00 + 210.00 = 10.00, its reserve
        borrowedOutstandingUsd: '210.00',
        cashUsd: '10.00',
      },
      {
        mission: 'MONUSCO',
        receivedUsd: '0.00',
        paidUsd: '500.00',
        lentOutstandingUsd: '0.00',
        borrowedOutstandingUsd: '500.00',
        cashUsd: '0.00',
      },
      {
        mission: 'UNMISS',
        receivedUsd: '1000.00',
        paidUsd: '190.00',
        // 210.00 + 500.00 lent; 1,000.00 − 190.00 − 710.00 = 100.00, its reserve
        lentOutstandingUsd: '710.00',
        borrowedOutstandingUsd: '0.00',
        cashUsd: '100.00',
      },
    ]);
    // A and B paid in full are shown `paid`; C, 210.00 still owed, `certified`
    const claims = await get('/v1/claims');
    expect(
      claims.body.items.map((c: { claimRef: string; status: string; outstandingUsd: string }) => [
        c.claimRef,
        c.status,
        c.outstandingUsd,
      ]),
    ).toEqual([
      ['A', 'paid', '0.00'],
      ['B', 'paid', '0.00'],
      ['C', 'certified', '210.00'],
    ]);
  });

  it('lists runs with their business dates and recording instants, and payments to a contributor representative’s own contributor only', async () => {
    const recorded = await recordedAt(runId);
    expect((await get('/v1/payment-runs?quarter=2019-Q3')).body).toEqual([
      expect.objectContaining({
        runId,
        status: 'executed',
        runOn: '2019-09-25',
        proposedOn: '2019-09-20',
        proposedAt: recorded.PaymentRunProposed,
        approvedOn: '2019-09-24',
        approvedAt: recorded.PaymentRunApproved,
        approvedBy: 'officer-b',
      }),
    ]);
    // the event log's export: each event's business date beside the instant it was recorded
    const log = await get(`/v1/audit/events/export?format=csv&streamId=payment-run-${runId}`);
    expect(log.status).toBe(200);
    const [header, ...lines] = log.text.trim().split('\r\n');
    const column = (name: string) => header!.split(',').indexOf(name);
    expect(
      lines.map((line) => {
        const cells = line.split(',');
        return [cells[column('type')], cells[column('effectiveOn')], cells[column('recordedAt')]];
      }),
    ).toEqual([
      ['PaymentRunProposed', '2019-09-20', recorded.PaymentRunProposed],
      ['PaymentRunApproved', '2019-09-24', recorded.PaymentRunApproved],
      ['PaymentRunExecuted', '2019-09-25', recorded.PaymentRunApproved],
    ]);
    const india = await app.bearer({
      sub: 'rep-ind',
      roles: ['contributor-representative'],
      contributor: 'IND',
    });
    const payments = await app.http().get('/v1/payments').set('Authorization', india);
    expect(payments.body).toMatchObject({
      total: 1,
      items: [{ contributor: 'IND', amountUsd: '500.00', paymentRunId: runId }],
    });
    expect((await app.http().get('/v1/payments?contributor=RWA').set('Authorization', india)).status).toBe(
      403,
    );
  });

  it('repays the pool from the borrower’s next assessment', async () => {
    const response = await post('/v1/funds/MINUSMA/assessments', officerA, {
      amountUsd: '250.00',
      receivedOn: '2019-10-02',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      mission: 'MINUSMA',
      amountUsd: '250.00',
      repayments: [{ lenderMission: 'UNMISS', amountUsd: '210.00', loanId: expect.any(String) }],
    });
    const [repaid] = await app.events({ type: 'InterMissionLoanRepaid' });
    expect(repaid).toMatchObject({
      effectiveOn: '2019-10-02',
      data: { amountUsd: '210.00', repaidOn: '2019-10-02' },
    });
    const loans = await get('/v1/loans?mission=MINUSMA');
    expect(loans.body).toEqual([
      expect.objectContaining({ lenderMission: 'UNMISS', repaidUsd: '210.00', outstandingUsd: '0.00' }),
    ]);
  });

  it('is stale when cash changed since its proposal, and records nothing on approval', async () => {
    const proposed = await post('/v1/payment-runs', officerA, { quarter: '2019-Q4', runOn: '2019-10-05' });
    expect(proposed.status).toBe(201);
    // no business date given: today (UTC), the day it is recorded
    const recorded = await recordedAt(proposed.body.runId);
    expect(proposed.body.proposedOn).toBe(recorded.PaymentRunProposed!.slice(0, 10));
    await post('/v1/funds/UNMISS/assessments', officerA, { amountUsd: '5.00', receivedOn: '2019-10-03' });
    const before = await app.eventCount();
    await rejected(
      await post(`/v1/payment-runs/${proposed.body.runId}/approval`, officerB),
      409,
      'PAYMENT_RUN_STALE',
      before,
    );
  });

  it.each([
    [
      'a payment date outside the quarter',
      { quarter: '2019-Q4', runOn: '2019-09-30' },
      422,
      'PAYMENT_DATE_OUTSIDE_QUARTER',
    ],
    ['a date with no cash', { quarter: '2019-Q2', runOn: '2019-06-20' }, 422, 'NOTHING_TO_PAY'],
    ['a malformed quarter', { quarter: '2019-Q5', runOn: '2019-06-20' }, 400, 'VALIDATION_FAILED'],
    ['a future payment date', { quarter: '2999-Q1', runOn: '2999-01-02' }, 400, 'VALIDATION_FAILED'],
    [
      'a future proposal date',
      { quarter: '2019-Q3', runOn: '2019-09-26', proposedOn: '2999-01-02' },
      400,
      'VALIDATION_FAILED',
    ],
  ])('refuses %s', async (_what, body, status, code) => {
    const before = await app.eventCount();
    await rejected(await post('/v1/payment-runs', officerA, body), status, code, before);
  });
});
