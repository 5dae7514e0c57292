import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// UNISFA's legacy payment of 1,000.00 on 2018-06-01 came in without the assessments behind it.
const CLAIMS = `claim_ref,mission,contributor,category,period,amount,certified_on
U-1,UNISFA,ETH,personnel,2018-01,1000.00,2018-03-01
`;
const PAYMENTS = `payment_ref,mission,contributor,amount,paid_on
UP-1,UNISFA,ETH,1000.00,2018-06-01
`;
// Applied by received_on: again (unchanged), A-2, A-2 with other content (refused).
const ASSESSMENTS = `assessment_ref,mission,amount,received_on
A-1,UNISFA,600.00,2018-05-15
A-2,UNISFA,400.50,2018-05-20
bad,unisfa,1.00,2018-01-01
A-3,UNISFA,0.00,2018-01-01
A-4,UNISFA,1.00,2999-01-01
A-1,UNISFA,600.00,2018-05-15
A-2,UNISFA,400.00,2018-05-20
A-5,MINURSO,250,2018-02-01
`;

describe('a fund’s history: POST /v1/imports/assessments (CONTRACT.md 4 conventions)', () => {
  let app: TestApp;
  let officer: string;

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const upload = (path: string, csv: string) =>
    app.http().post(path).set('Authorization', officer).set('Content-Type', 'text/csv').send(csv);
  const codes = (body: { rejected: { line: number; ref: string; code: string }[] }) =>
    body.rejected.map(({ line, ref, code }) => [line, ref, code]);
  const fund = async (mission: string, asOf: string) =>
    (await app.http().get(`/v1/funds?asOf=${asOf}`).set('Authorization', officer)).body.find(
      (f: { mission: string }) => f.mission === mission,
    );

  it('shows a fund overdrawn by legacy payments without their assessments: 0.00 − 1,000.00', async () => {
    await upload('/v1/imports/certified-claims', CLAIMS).expect(200);
    await upload('/v1/imports/payments', PAYMENTS).expect(200);
    expect(await fund('UNISFA', '2018-12-31')).toMatchObject({ receivedUsd: '0.00', cashUsd: '-1000.00' });
  });

  it('imports the valid rows and names each rejected one by its line (the header is line 1)', async () => {
    const response = await upload('/v1/imports/assessments', ASSESSMENTS);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ imported: 3, unchanged: 1 });
    expect(codes(response.body)).toEqual([
      [4, 'bad', 'INVALID_MISSION'],
      [5, 'A-3', 'INVALID_AMOUNT'],
      [6, 'A-4', 'DATE_IN_FUTURE'],
      [8, 'A-2', 'CONFLICTS_WITH_HISTORY'],
    ]);
  });

  it('records each as an AssessmentReceived carrying its reference and the file’s business date', async () => {
    const events = [
      ...(await app.events({ streamId: 'fund-MINURSO' })),
      ...(await app.events({ streamId: 'fund-UNISFA' })),
    ];
    expect(events.map((e) => [`fund-${e.data.mission}`, e.data, e.effectiveOn])).toEqual([
      [
        'fund-MINURSO',
        { mission: 'MINURSO', amountUsd: '250.00', receivedOn: '2018-02-01', assessmentRef: 'A-5' },
        '2018-02-01',
      ],
      [
        'fund-UNISFA',
        { mission: 'UNISFA', amountUsd: '600.00', receivedOn: '2018-05-15', assessmentRef: 'A-1' },
        '2018-05-15',
      ],
      [
        'fund-UNISFA',
        { mission: 'UNISFA', amountUsd: '400.50', receivedOn: '2018-05-20', assessmentRef: 'A-2' },
        '2018-05-20',
      ],
    ]);
  });

  it('gives the fund its history: 600.00 + 400.50 − 1,000.00 = 0.50, and 1,000.50 before the payment', async () => {
    expect(await fund('UNISFA', '2018-12-31')).toMatchObject({
      ...{ receivedUsd: '1000.50', paidUsd: '1000.00', cashUsd: '0.50' },
    });
    expect(await fund('UNISFA', '2018-05-31')).toMatchObject({ cashUsd: '1000.50' });
    expect(await fund('UNISFA', '2018-05-16')).toMatchObject({ cashUsd: '600.00' });
    expect(await fund('MINURSO', '2018-12-31')).toMatchObject({ receivedUsd: '250.00', cashUsd: '250.00' });
  });

  it('re-imports the identical file unchanged, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await upload('/v1/imports/assessments', ASSESSMENTS);
    expect(response.body).toMatchObject({ imported: 0, unchanged: 4 });
    expect(codes(response.body)).toEqual([
      [4, 'bad', 'INVALID_MISSION'],
      [5, 'A-3', 'INVALID_AMOUNT'],
      [6, 'A-4', 'DATE_IN_FUTURE'],
      [8, 'A-2', 'CONFLICTS_WITH_HISTORY'],
    ]);
    expect(await app.eventCount()).toBe(before);
  });

  it('does not take an assessment received through the route for an imported one', async () => {
    await app
      .http()
      .post('/v1/funds/MINURSO/assessments')
      .set('Authorization', officer)
      .send({ amountUsd: '10.00', receivedOn: '2018-03-01' })
      .expect(200);
    const response = await upload(
      '/v1/imports/assessments',
      'assessment_ref,mission,amount,received_on\nfund-MINURSO#2,MINURSO,10.00,2018-03-01\n',
    );
    expect(response.body).toMatchObject({ imported: 1, unchanged: 0, rejected: [] });
  });

  it.each([
    ['a required column missing', 'assessment_ref,mission,amount\nA-9,UNISFA,1.00\n', 'CSV_MISSING_COLUMN'],
    [
      'an extra column',
      'assessment_ref,mission,amount,received_on,note\nA-9,UNISFA,1.00,2018-01-01,x\n',
      'CSV_UNKNOWN_COLUMN',
    ],
  ])('refuses %s with 400, importing nothing', async (_what, csv, code) => {
    const before = await app.eventCount();
    const response = await upload('/v1/imports/assessments', csv);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code });
    expect(await app.eventCount()).toBe(before);
  });

  it('is for finance officers: an auditor gets 403', async () => {
    const auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    const response = await app
      .http()
      .post('/v1/imports/assessments')
      .set('Authorization', auditor)
      .set('Content-Type', 'text/csv')
      .send(ASSESSMENTS);
    expect(response.status).toBe(403);
  });
});
