import { randomUUID } from 'node:crypto';
import { type TestApp, startTestApp } from '../../test/reimbursement.test-app';
import { rejectedExpectation, requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

describe('letters of assist over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let india: string;
  let bangladesh: string;
  const loaRef = `LOA/UNMISS/IND/${randomUUID().slice(0, 8)}`;
  let loaId: string;

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA, officerB, india, bangladesh } = await testPeople(app));
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);

  const expectRejected = rejectedExpectation(() => app);

  it('issues a letter with its not-to-exceed amount', async () => {
    const response = await post('/v1/letters-of-assist', officerA).send({
      ...{ loaRef, mission: 'UNMISS', contributor: 'IND', description: 'Two utility helicopters' },
      ...{ notToExceedUsd: '100000', issuedOn: '2019-01-10' },
    });
    expect(response.status).toBe(201);
    loaId = response.body.loaId;
    expect(response.headers.location).toBe(`/v1/letters-of-assist/${loaId}`);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      ...{ loaRef, status: 'open', notToExceedUsd: '100000.00', certifiedUsd: '0.00' },
      ...{ remainingUsd: '100000.00', issuedBy: 'officer-a', invoices: [] },
    });
  });

  it('refuses a second letter with the same reference, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/letters-of-assist', officerB).send({
      ...{ loaRef, mission: 'UNMISS', contributor: 'IND', description: 'again' },
      ...{ notToExceedUsd: '5.00', issuedOn: '2019-01-10' },
    });
    await expectRejected(response, 409, 'LOA_EXISTS', before);
  });

  it('records an invoice against it', async () => {
    const response = await post(`/v1/letters-of-assist/${loaId}/invoices`, officerA).send({
      ...{ invoiceRef: 'INV-1', period: '2019-02', amountUsd: '60000.00', recordedOn: '2019-03-05' },
    });
    expect(response.status).toBe(200);
    expect(response.body.invoices).toEqual([
      expect.objectContaining({ invoiceRef: 'INV-1', amountUsd: '60000.00', status: 'recorded' }),
    ]);
  });

  it('refuses certification by the officer who recorded the invoice, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post(`/v1/letters-of-assist/${loaId}/invoices/INV-1/certification`, officerA).send(
      {
        certifiedOn: '2019-03-20',
      },
    );
    await expectRejected(response, 403, 'FOUR_EYES_REQUIRED', before);
  });

  it('certifies it by a second officer into a certified claim of category letter_of_assist', async () => {
    const response = await post(`/v1/letters-of-assist/${loaId}/invoices/INV-1/certification`, officerB).send(
      {
        certifiedOn: '2019-03-20',
      },
    );
    expect(response.status).toBe(200);
    // 0.00 + 60,000.00 certified of an NTE of 100,000.00: 40,000.00 remain
    expect(response.body).toMatchObject({ certifiedUsd: '60000.00', remainingUsd: '40000.00' });
    const invoice = response.body.invoices[0];
    expect(invoice).toMatchObject({
      status: 'certified',
      certifiedBy: 'officer-b',
      claimRef: `${loaRef}/INV-1`,
    });

    const claim = await get(`/v1/claims/${invoice.claimId}`, officerA);
    expect(claim.body).toMatchObject({
      ...{
        claimRef: `${loaRef}/INV-1`,
        origin: 'payable',
        category: 'letter_of_assist',
        status: 'certified',
      },
      ...{ mission: 'UNMISS', contributor: 'IND', period: '2019-02', amountUsd: '60000.00' },
      ...{ outstandingUsd: '60000.00', preparedBy: 'officer-a', certifiedBy: 'officer-b' },
    });
    const [certified] = await app.events({ streamId: `claim-${invoice.claimId}`, type: 'ClaimCertified' });
    expect(certified).toEqual({
      type: 'ClaimCertified',
      data: {
        ...{ claimId: invoice.claimId, claimRef: `${loaRef}/INV-1`, mission: 'UNMISS', contributor: 'IND' },
        ...{
          category: 'letter_of_assist',
          period: '2019-02',
          amountUsd: '60000.00',
          certifiedOn: '2019-03-20',
        },
        ...{ lines: [{ component: 'letter_of_assist', amountUsd: '60000.00' }] },
        ...{ certifiedBy: 'officer-b', origin: 'payable' },
      },
      effectiveOn: '2019-03-20',
      actor: 'officer-b',
    });
  });

  it('refuses an invoice beyond the NTE (60,000.00 + 40,000.01 > 100,000.00), recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post(`/v1/letters-of-assist/${loaId}/invoices`, officerA).send({
      ...{ invoiceRef: 'INV-2', period: '2019-03', amountUsd: '40000.01', recordedOn: '2019-04-05' },
    });
    await expectRejected(response, 422, 'LOA_NOT_TO_EXCEED', before);
  });

  it('shows a contributor representative their own letters only', async () => {
    expect((await get(`/v1/letters-of-assist/${loaId}`, india)).status).toBe(200);
    const other = await get(`/v1/letters-of-assist/${loaId}`, bangladesh);
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 403,
      code: 'CONTRIBUTOR_SCOPE',
    });
    const list = await get('/v1/letters-of-assist?contributor=IND', india);
    expect(list.body.items.map((l: { loaRef: string }) => l.loaRef)).toContain(loaRef);
  });

  it('closes it, after which no invoice is taken, recording nothing', async () => {
    const closed = await post(`/v1/letters-of-assist/${loaId}/closure`, officerA).send({
      closedOn: '2019-06-30',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2019-06-30', certifiedUsd: '60000.00' });
    const before = await app.eventCount();
    const response = await post(`/v1/letters-of-assist/${loaId}/invoices`, officerA).send({
      ...{ invoiceRef: 'INV-3', period: '2019-06', amountUsd: '1.00', recordedOn: '2019-07-01' },
    });
    await expectRejected(response, 409, 'LOA_CLOSED', before);
  });

  it('answers 404 for an unknown letter', async () => {
    const response = await get(`/v1/letters-of-assist/${randomUUID()}`, officerA);
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 404,
      code: 'LOA_NOT_FOUND',
    });
  });
});
