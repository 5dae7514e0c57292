import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// Issue 18: a `catering` self-sustainment table was silently ignored for an MOU whose annex C said
// `Catering`; the claim fell back to the MOU's rate with an empty `rateTables`. Categories are now codes:
// the wrong case is refused where it is entered, and once the codes match the table's rate is paid.
describe('self-sustainment categories are codes, matched exactly', () => {
  let app: TestApp;
  let officer: string;
  const mouId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    // annex C: catering 28.43, communications 33.00; mission factors 1 + 1 + 1 % => 1.03
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const post = (path: string) => app.http().post(path).set('Authorization', officer);
  const issueCatering = (category: string) =>
    post('/v1/rate-tables/self-sustainment/versions').send({
      effectiveFrom: '2019-01-01',
      issuedOn: '2019-01-02',
      categories: [{ category, ratePerPersonMonthUsd: '30.12' }],
    });

  it('refuses a rate table that says `Catering`, naming the field and the code, recording nothing', async () => {
    const before = await app.eventCount();
    const refused = await issueCatering('Catering');
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'UNKNOWN_CATEGORY',
      field: 'categories[0].category',
      suggestion: 'catering',
      errors: [{ field: 'categories[0].category', message: expect.any(String) }],
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('refuses a verification report that says `Catering` for annex C `catering`', async () => {
    const body = verificationReportBody(10);
    const refused = await post('/v1/verification-reports').send({
      mouId,
      period: '2019-04',
      ...body,
      selfSustainment: [{ ...body.selfSustainment[0], category: 'Catering' }, body.selfSustainment[1]],
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'UNKNOWN_CATEGORY',
      field: 'selfSustainment[0].category',
      suggestion: 'catering',
    });
  });

  it('pays the table’s `catering` rate for annex C `catering` and names the table on the line', async () => {
    expect((await issueCatering('catering')).status).toBe(201);
    const report = await post('/v1/verification-reports').send({
      mouId,
      period: '2019-04',
      ...verificationReportBody(10),
    });
    expect(report.status).toBe(201);
    const claim = await post('/v1/claims').send({ mouId, period: '2019-04', preparedOn: '2019-05-10' });
    expect(claim.status).toBe(201);
    const lines = claim.body.lines as {
      key: string;
      rateUsd: string;
      amountUsd: string;
      sources: { rateTables: { tableId: string }[] };
    }[];
    const line = (key: string) => lines.find((l) => l.key === key)!;
    // 800 × 30.12 × 1.03 = 24,818.88 (the table's rate, not the MOU's 28.43)
    expect(line('self-sustainment:catering')).toMatchObject({ rateUsd: '30.12', amountUsd: '24818.88' });
    expect(line('self-sustainment:catering').sources.rateTables).toContainEqual({
      tableId: 'self-sustainment',
      version: 1,
    });
    // the table has no communications rate: the MOU's 800 × 33.00 × 1.03 = 27,192.00
    expect(line('self-sustainment:communications')).toMatchObject({
      rateUsd: '33.00',
      amountUsd: '27192.00',
    });
  });
});
