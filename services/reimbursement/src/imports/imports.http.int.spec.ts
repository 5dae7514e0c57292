import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

const CLAIMS = `claim_ref,mission,contributor,category,period,amount,certified_on
C-1,UNMISS,IND,personnel,2018-10,100.00,2019-01-15
C-2,UNMISS,IND,major_equipment,2018-11,200,2019-01-15
C-3,UNMISS,IND,self_sustainment,2018-12,300.00,2019-02-01
C-4,UNMISS,IND,letter_of_assist,2019-01,400.00,2019-04-01
X-1,UNMISS,RWA,personnel,2018-11,999.00,2018-12-01
bad,unmiss,IND,personnel,2018-10,1.00,2019-01-15
C-5,UNMISS,IND,salary,2018-10,1.00,2019-01-15
C-6,UNMISS,IND,personnel,2018-10,0.00,2019-01-15
C-7,UNMISS,IND,personnel,2018-10,1.005,2019-01-15
C-8,UNMISS,IND,personnel,2018-10,1.00,2019-02-30
C-9,UNMISS,IND,personnel,2018-10,1.00,2999-01-01
,UNMISS,IND,personnel,2018-10,1.00,2019-01-01
C-1,UNMISS,IND,personnel,2018-10,100.00,2019-01-15
C-2,UNMISS,IND,major_equipment,2018-11,201.00,2019-01-15
C-10,UNMISS,IND,personnel,2019-05,1.00,2019-04-01
C-11,UNMISS,IND
`;

// In file order P-3 would come first; rows are applied by paid_on: P-8, P-1, P-2, P-3, P-6, P-7, P-4, P-5.
const PAYMENTS = `payment_ref,mission,contributor,amount,paid_on,claim_ref
P-3,UNMISS,IND,250.00,2019-03-01,
P-1,UNMISS,IND,120.00,2019-02-01,
P-2,UNMISS,IND,50.00,2019-02-01,C-3
P-4,UNMISS,IND,400.00,2019-03-15,C-4
P-5,UNMISS,IND,1000.00,2019-03-20,
P-6,UNMISS,RWA,1.00,2019-03-01,C-1
P-7,UNMISS,IND,1.00,2019-03-01,NOPE
P-8,UNMISS,IND,20.00,2019-01-20,
`;

describe('legacy imports (CONTRACT.md 4.2 and 4.3)', () => {
  let app: TestApp;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const upload = (path: string, csv: string) =>
    app.http().post(path).set('Authorization', officer).set('Content-Type', 'text/csv').send(csv);
  const codes = (body: { rejected: { line: number; ref: string; code: string }[] }) =>
    body.rejected.map(({ line, ref, code }) => [line, ref, code]);

  const claimRejections = [
    [7, 'bad', 'INVALID_MISSION'],
    [8, 'C-5', 'INVALID_CATEGORY'],
    [9, 'C-6', 'INVALID_AMOUNT'],
    [10, 'C-7', 'INVALID_AMOUNT'],
    [11, 'C-8', 'INVALID_DATE'],
    [12, 'C-9', 'DATE_IN_FUTURE'],
    [13, '', 'MISSING_VALUE'],
    [15, 'C-2', 'CONFLICTS_WITH_HISTORY'],
    [16, 'C-10', 'PERIOD_AFTER_CERTIFICATION'],
    [17, 'C-11', 'MALFORMED_ROW'],
  ];

  describe('certified claims', () => {
    it('imports the valid rows and names each rejected one by its line (the header is line 1)', async () => {
      const response = await upload('/v1/imports/certified-claims', CLAIMS);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 5, unchanged: 1 });
      expect(codes(response.body)).toEqual(claimRejections);
      expect(response.body.rejected.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    });

    it('records each as a ClaimCertified carrying the file’s business date', async () => {
      const events = await app.events({ type: 'ClaimCertified' });
      expect(events.map((e) => [e.data.claimRef, e.data.amountUsd, e.effectiveOn])).toEqual([
        ['C-1', '100.00', '2019-01-15'],
        ['C-2', '200.00', '2019-01-15'],
        ['C-3', '300.00', '2019-02-01'],
        ['C-4', '400.00', '2019-04-01'],
        ['X-1', '999.00', '2018-12-01'],
      ]);
      expect(events[1]!.data).toMatchObject({
        category: 'major_equipment',
        period: '2018-11',
        mission: 'UNMISS',
        contributor: 'IND',
        origin: 'imported',
      });
    });

    it('counts an identical re-import as unchanged and records nothing', async () => {
      const before = await app.eventCount();
      const response = await upload('/v1/imports/certified-claims', CLAIMS);
      expect(response.body).toMatchObject({ imported: 0, unchanged: 6 });
      expect(codes(response.body)).toEqual(claimRejections);
      expect(await app.eventCount()).toBe(before);
    });
  });

  describe('payments', () => {
    it('applies rows in paid_on order, oldest claims first unless a row names one', async () => {
      const response = await upload('/v1/imports/payments', PAYMENTS);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 4, unchanged: 0 });
      expect(codes(response.body)).toEqual([
        [5, 'P-4', 'CLAIM_CERTIFIED_AFTER_PAYMENT'],
        [6, 'P-5', 'OVERPAYMENT'],
        [7, 'P-6', 'CLAIM_OF_OTHER_PAYEE'],
        [8, 'P-7', 'UNKNOWN_CLAIM'],
      ]);
      const made = await app.events({ type: 'PaymentMade' });
      const allocations = made.map((e) => [
        e.data.paymentRef,
        e.effectiveOn,
        (e.data.allocations as { claimRef: string; amountUsd: string }[]).map(
          (a) => `${a.claimRef}:${a.amountUsd}`,
        ),
      ]);
      expect(allocations).toEqual([
        ['P-8', '2019-01-20', ['C-1:20.00']],
        ['P-1', '2019-02-01', ['C-1:80.00', 'C-2:40.00']],
        ['P-2', '2019-02-01', ['C-3:50.00']],
        ['P-3', '2019-03-01', ['C-2:160.00', 'C-3:90.00']],
      ]);
      expect(made[0]!.data).toMatchObject({
        mission: 'UNMISS',
        contributor: 'IND',
        amountUsd: '20.00',
        paidOn: '2019-01-20',
        paymentRunId: null,
      });
    });

    it('lowers what is owed by exactly what was paid', async () => {
      const claims = await app
        .http()
        .get('/v1/claims?contributor=IND&pageSize=10')
        .set('Authorization', auditor);
      expect(
        claims.body.items.map((c: { claimRef: string; paidUsd: string; outstandingUsd: string }) => [
          c.claimRef,
          c.paidUsd,
          c.outstandingUsd,
        ]),
      ).toEqual([
        ['C-1', '100.00', '0.00'],
        ['C-2', '200.00', '0.00'],
        ['C-3', '140.00', '160.00'],
        ['C-4', '0.00', '400.00'],
      ]);
    });

    it('settles up to what is outstanding, and no more', async () => {
      const response = await upload(
        '/v1/imports/payments',
        'payment_ref,mission,contributor,amount,paid_on\nP-9,UNMISS,IND,160.01,2019-03-20\nP-10,UNMISS,IND,160.00,2019-03-20\nP-11,UNMISS,IND,0.01,2019-03-21\n',
      );
      expect(response.body).toMatchObject({ imported: 1, unchanged: 0 });
      expect(codes(response.body)).toEqual([
        [2, 'P-9', 'OVERPAYMENT'],
        [4, 'P-11', 'OVERPAYMENT'],
      ]);
    });

    it('counts an identical re-import as unchanged, and other content under a known reference as a conflict', async () => {
      const before = await app.eventCount();
      const again = await upload('/v1/imports/payments', PAYMENTS);
      expect(again.body).toMatchObject({ imported: 0, unchanged: 4 });
      const changed = await upload(
        '/v1/imports/payments',
        'payment_ref,mission,contributor,amount,paid_on\nP-1,UNMISS,IND,121.00,2019-02-01\n',
      );
      expect(changed.body).toEqual({
        imported: 0,
        unchanged: 0,
        rejected: [{ line: 2, ref: 'P-1', code: 'CONFLICTS_WITH_HISTORY', reason: expect.any(String) }],
      });
      expect(await app.eventCount()).toBe(before);
    });

    it('takes an earlier row of the same file as history: an identical repeat is unchanged, other content conflicts', async () => {
      const response = await upload(
        '/v1/imports/payments',
        [
          'payment_ref,mission,contributor,amount,paid_on,claim_ref',
          'P-30,UNMISS,RWA,10.00,2019-01-10,X-1',
          'P-30,UNMISS,RWA,10.00,2019-01-10,X-1',
          'P-31,UNMISS,RWA,5.00,2019-01-11,X-1',
          'P-31,UNMISS,RWA,6.00,2019-01-11,X-1',
        ].join('\n'),
      );
      expect(response.body).toEqual({
        imported: 2,
        unchanged: 1,
        rejected: [{ line: 5, ref: 'P-31', code: 'CONFLICTS_WITH_HISTORY', reason: expect.any(String) }],
      });
    });
  });

  describe('a body that cannot be imported at all: 400 and nothing imported', () => {
    it.each([
      [
        'a required column missing',
        'claim_ref,mission,contributor,category,period,amount\nC-20,UNMISS,IND,personnel,2018-10,1.00\n',
        400,
        'CSV_MISSING_COLUMN',
      ],
      [
        'an extra column',
        'claim_ref,mission,contributor,category,period,amount,certified_on,note\nC-20,UNMISS,IND,personnel,2018-10,1.00,2019-01-01,x\n',
        400,
        'CSV_UNKNOWN_COLUMN',
      ],
    ])('%s', async (_what, csv, status, code) => {
      const before = await app.eventCount();
      const response = await upload('/v1/imports/certified-claims', csv);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      expect(await app.eventCount()).toBe(before);
    });

    it('a body that is not CSV', async () => {
      const response = await app
        .http()
        .post('/v1/imports/payments')
        .set('Authorization', officer)
        .send({ rows: [] });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: 'NOT_CSV',
      });
    });

    it('an auditor', async () => {
      const response = await app
        .http()
        .post('/v1/imports/payments')
        .set('Authorization', auditor)
        .set('Content-Type', 'text/csv')
        .send(PAYMENTS);
      expect(response.status).toBe(403);
    });
  });
});
