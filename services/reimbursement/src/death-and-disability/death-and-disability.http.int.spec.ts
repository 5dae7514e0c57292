import { randomUUID } from 'node:crypto';
import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';
import { requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

describe('death-and-disability cases over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let bangladesh: string;
  const person = () => `BA-${randomUUID().slice(0, 8).toUpperCase()}`;

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA, officerB, bangladesh } = await testPeople(app));
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);
  const caseBody = (personRef: string, changes: Record<string, unknown> = {}) => ({
    ...{ mission: 'MINUSMA', contributor: 'BGD', unit: 'BANBAT-1', personRef },
    ...{ incidentOn: '2019-02-11', type: 'disability', degreePct: '40', recordedOn: '2019-03-01' },
    ...changes,
  });

  it('ships the standard amount commonly cited as a rate-table version: 70,000.00 from 2014-07-01', async () => {
    const response = await get('/v1/rate-tables/death-and-disability', officerA);
    expect(response.body.versions).toEqual([
      expect.objectContaining({
        effectiveFrom: '2014-07-01',
        values: { kind: 'death-and-disability', standardAmountUsd: '70000.00' },
      }),
    ]);
  });

  describe('a 40 % disability', () => {
    const personRef = person();
    let caseId: string;

    it('is recorded at 70,000.00 × 40 ÷ 100 = 28,000.00, naming the rate-table version', async () => {
      const response = await post('/v1/death-and-disability-cases', officerA).send(caseBody(personRef));
      expect(response.status).toBe(201);
      caseId = response.body.caseId;
      expect(response.headers.location).toBe(`/v1/death-and-disability-cases/${caseId}`);
      expect(response.body).toMatchObject({
        ...{
          status: 'recorded',
          caseRef: `DD/MINUSMA/BGD/${personRef}`,
          type: 'disability',
          degreePct: '40.00',
        },
        ...{ standardAmountUsd: '70000.00', amountUsd: '28000.00', recordedBy: 'officer-a' },
        rateTable: { tableId: 'death-and-disability', version: 1 },
      });
    });

    it('is one case per person, recording nothing the second time', async () => {
      const before = await app.eventCount();
      const response = await post('/v1/death-and-disability-cases', officerB).send(caseBody(personRef));
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 409,
        code: 'DD_CASE_EXISTS',
      });
      expect(await app.eventCount()).toBe(before);
    });

    it('is not certified by the officer who recorded it, recording nothing', async () => {
      const before = await app.eventCount();
      const response = await post(`/v1/death-and-disability-cases/${caseId}/certification`, officerA).send({
        certifiedOn: '2019-03-10',
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 403,
        code: 'FOUR_EYES_REQUIRED',
      });
      expect(await app.eventCount()).toBe(before);
    });

    it('is certified by a second officer into a certified death_and_disability claim of 28,000.00', async () => {
      const response = await post(`/v1/death-and-disability-cases/${caseId}/certification`, officerB).send({
        certifiedOn: '2019-03-10',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'certified',
        certification: { certifiedBy: 'officer-b' },
      });
      const claim = await get(`/v1/claims/${response.body.certification.claimId}`, bangladesh);
      expect(claim.body).toMatchObject({
        ...{ claimRef: `DD/MINUSMA/BGD/${personRef}`, category: 'death_and_disability', status: 'certified' },
        ...{ period: '2019-02', amountUsd: '28000.00', outstandingUsd: '28000.00' },
      });
      expect(claim.body.lines[0]).toMatchObject({
        ...{ kind: 'DEATH_AND_DISABILITY', rateUsd: '70000.00', factor: '40.00/100', amountUsd: '28000.00' },
        sources: { rateTables: [{ tableId: 'death-and-disability', version: 1 }] },
      });
    });
  });

  it('pays a death at the amount in force on the incident date, not on the recording date', async () => {
    // a later version (hypothetical 75,000.00 from 2020-01-01) does not reach an incident of 2019-12-31
    const issued = await post('/v1/rate-tables/death-and-disability/versions', officerA).send({
      ...{ effectiveFrom: '2020-01-01', issuedOn: '2019-12-01', standardAmountUsd: '75000' },
    });
    expect(issued.status).toBe(201);
    const before = await post('/v1/death-and-disability-cases', officerA).send(
      caseBody(person(), {
        type: 'death',
        degreePct: undefined,
        incidentOn: '2019-12-31',
        recordedOn: '2020-01-15',
      }),
    );
    expect(before.body).toMatchObject({ amountUsd: '70000.00', rateTable: { version: 1 } });
    const after = await post('/v1/death-and-disability-cases', officerA).send(
      caseBody(person(), {
        type: 'disability',
        degreePct: '40',
        incidentOn: '2020-01-02',
        recordedOn: '2020-01-15',
      }),
    );
    // 75,000.00 × 40 ÷ 100 = 30,000.00
    expect(after.body).toMatchObject({
      amountUsd: '30000.00',
      standardAmountUsd: '75000.00',
      rateTable: { version: 2 },
    });
  });

  it('refuses a disability without a degree, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/death-and-disability-cases', officerA).send(
      caseBody(person(), { degreePct: undefined }),
    );
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 422,
      code: 'DD_DEGREE_MISMATCH',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('refuses a person reference that is not an identifier (a name), recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/death-and-disability-cases', officerA).send(caseBody('John Smith'));
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await app.eventCount()).toBe(before);
  });
});
