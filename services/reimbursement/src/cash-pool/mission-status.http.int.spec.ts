import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

describe('mission statuses over HTTP, and a closed mission in a payment run', () => {
  let app: TestApp;
  let officer: string;
  let approver: string;

  const post = (path: string, body: object, as = officer) =>
    app.http().post(path).set('Authorization', as).send(body);

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    approver = await app.bearer({ sub: 'officer-b', roles: ['finance-officer'] });
    await app
      .http()
      .post('/v1/imports/certified-claims')
      .set('Authorization', officer)
      .set('Content-Type', 'text/csv')
      .send(
        'claim_ref,mission,contributor,category,period,amount,certified_on\n' +
          'A,MINUSMA,BGD,personnel,2018-12,300.00,2019-01-10\n' +
          'C,UNMISS,RWA,personnel,2019-02,100.00,2019-03-01\n',
      );
    await post('/v1/funds/MINUSMA/assessments', { amountUsd: '100.00', receivedOn: '2019-07-05' });
    await post('/v1/funds/UNMISS/assessments', { amountUsd: '1000.00', receivedOn: '2019-07-10' });
    await post('/v1/rate-tables/cash-pool/versions', {
      effectiveFrom: '2019-07-01',
      issuedOn: '2019-06-30',
      pooled: true,
      operatingReservePct: '10',
    });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  it('records a status from a date: 201 with its version, then 200 when asked again', async () => {
    const first = await post('/v1/missions/MINUSMA/status', {
      status: 'closed',
      effectiveFrom: '2019-06-30',
    });
    expect(first.status).toBe(201);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body).toEqual({
      mission: 'MINUSMA',
      asOf: '2019-06-30',
      status: 'closed',
      history: [{ status: 'closed', effectiveFrom: '2019-06-30' }],
    });
    const before = await app.eventCount();
    const again = await post('/v1/missions/MINUSMA/status', {
      status: 'closed',
      effectiveFrom: '2019-06-30',
    });
    expect({ status: again.status, etag: again.headers.etag }).toEqual({ status: 200, etag: '"1"' });
    expect(await app.eventCount()).toBe(before);
    const [event] = await app.events({ type: 'MissionStatusRecorded' });
    expect(event).toMatchObject({
      effectiveOn: '2019-06-30',
      data: { mission: 'MINUSMA', status: 'closed', effectiveFrom: '2019-06-30', recordedBy: 'officer-a' },
    });
    const before30 = await app
      .http()
      .get('/v1/missions/MINUSMA/status?asOf=2019-06-29')
      .set('Authorization', officer);
    expect(before30.body.status).toBe('active');
  });

  it.each([
    ['MINUSMA', { status: 'active', effectiveFrom: '2019-08-01' }, 409, 'MISSION_CLOSED'],
    ['MINUSMA', { status: 'closing', effectiveFrom: '2019-01-01' }, 422, 'MISSION_STATUS_OUT_OF_ORDER'],
    ['MINUSMA', { status: 'liquidated', effectiveFrom: '2019-08-01' }, 400, 'VALIDATION_FAILED'],
  ])('refuses for %s %j with %i %s', async (mission, body, status, code) => {
    const before = await app.eventCount();
    const response = await post(`/v1/missions/${mission}/status`, body);
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await app.eventCount()).toBe(before);
  });

  it('a closed mission pays from its own fund; what it cannot pay stays owed, and nobody lends to it', async () => {
    // MINUSMA closed: 100.00 − 10.00 reserve = 90.00 of A's 300.00 (210.00 stays owed);
    // UNMISS pays C 100.00 from its own 900.00 spare; no loans
    const proposed = await post('/v1/payment-runs', { quarter: '2019-Q3', runOn: '2019-09-25' });
    expect(proposed.status).toBe(201);
    expect(proposed.body.plan).toMatchObject({
      availableCashUsd: '1100.00',
      reserveUsd: '110.00',
      paidUsd: '190.00',
      paidWithoutPoolUsd: '190.00',
      payments: [
        { mission: 'MINUSMA', contributor: 'BGD', amountUsd: '90.00' },
        { mission: 'UNMISS', contributor: 'RWA', amountUsd: '100.00' },
      ],
      loans: [],
    });
    await post(`/v1/payment-runs/${proposed.body.runId}/approval`, {}, approver).expect(200);
    // A keeps 210.00 owed (`certified`); C, paid in full, is shown `paid`
    const claims = await app.http().get('/v1/claims').set('Authorization', officer);
    expect(
      claims.body.items.map((c: { claimRef: string; status: string; outstandingUsd: string }) => [
        c.claimRef,
        c.status,
        c.outstandingUsd,
      ]),
    ).toEqual([
      ['A', 'certified', '210.00'],
      ['C', 'paid', '0.00'],
    ]);
  });
});
