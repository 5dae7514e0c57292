import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';
import { rejectedExpectation, requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

describe('claims over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let auditor: string;
  let clerk: string;
  let bangladesh: string;
  let india: string;
  const mouId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA, officerB, auditor, clerk, bangladesh, india } = await testPeople(app));
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);

  const reportBody = (present: number) => verificationReportBody(present);

  const expectRejected = rejectedExpectation(() => app);

  it('ships the public personnel-rate history as rate-table versions', async () => {
    const response = await get('/v1/rate-tables/personnel', auditor);
    expect(response.status).toBe(200);
    expect(
      response.body.versions.map(
        (v: { effectiveFrom: string; values: { ratePerPersonMonthUsd: string } }) => [
          v.effectiveFrom,
          v.values.ratePerPersonMonthUsd,
        ],
      ),
    ).toEqual([
      ['2014-07-01', '1332.00'],
      ['2016-07-01', '1365.00'],
      ['2017-07-01', '1410.00'],
      ['2018-07-01', '1428.00'],
    ]);
  });

  describe('from verification report to certified claim', () => {
    let claimId: string;

    it('records the verification report as version 1', async () => {
      const response = await post('/v1/verification-reports', officerA).send({
        mouId,
        period: '2019-04',
        ...reportBody(10),
      });
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({
        mouId,
        period: '2019-04',
        version: 1,
        mission: 'MINUSMA',
        contributor: 'BGD',
      });
    });

    it('prepares the claim, one line per component, each naming its sources', async () => {
      const response = await post('/v1/claims', officerA).send({
        mouId,
        period: '2019-04',
        preparedOn: '2019-05-10',
      });
      expect(response.status).toBe(201);
      claimId = response.body.claimId;
      expect(response.headers.location).toBe(`/v1/claims/${claimId}`);
      expect(response.body).toMatchObject({
        status: 'prepared',
        amountUsd: '1311150.26',
        preparedBy: 'officer-a',
      });
      expect(
        response.body.lines.map((l: { key: string; amountUsd: string }) => [l.key, l.amountUsd]),
      ).toEqual([
        ['personnel', '1142400.00'],
        ['equipment:B001', '92700.00'],
        ['equipment:B002', '25431.94'],
        ['self-sustainment:catering', '23426.32'],
        ['self-sustainment:communications', '27192.00'],
      ]);
      expect(response.body.lines[0].sources).toEqual({
        rateTables: [{ tableId: 'personnel', version: 4 }],
        mouAnnexVersion: 1,
        verificationReportVersion: 1,
      });
    });

    it('refuses certification by the officer who prepared it, recording nothing', async () => {
      const before = await app.eventCount();
      const response = await post(`/v1/claims/${claimId}/certification`, officerA).send({
        certifiedOn: '2019-05-20',
      });
      await expectRejected(response, 403, 'FOUR_EYES_REQUIRED', before);
    });

    it('refuses a stale If-Match, recording nothing', async () => {
      const before = await app.eventCount();
      const response = await post(`/v1/claims/${claimId}/certification`, officerB)
        .set('If-Match', '"7"')
        .send({ certifiedOn: '2019-05-20' });
      await expectRejected(response, 412, 'STALE_VERSION', before);
    });

    it('is certified by a second officer into a payable', async () => {
      const response = await post(`/v1/claims/${claimId}/certification`, officerB)
        .set('If-Match', '"1"')
        .send({ certifiedOn: '2019-05-20' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({
        status: 'certified',
        certifiedBy: 'officer-b',
        outstandingUsd: '1311150.26',
      });
      const [certified] = await app.events({ streamId: `claim-${claimId}`, type: 'ClaimCertified' });
      expect(certified).toEqual({
        type: 'ClaimCertified',
        effectiveOn: '2019-05-20',
        actor: 'officer-b',
        data: {
          claimId,
          claimRef: `DOS/MINUSMA/BGD/${mouId.slice(0, 4)}/2019-04`,
          mission: 'MINUSMA',
          contributor: 'BGD',
          category: 'personnel',
          period: '2019-04',
          amountUsd: '1311150.26',
          certifiedOn: '2019-05-20',
          certifiedBy: 'officer-b',
          origin: 'computed',
          lines: [
            { component: 'personnel', amountUsd: '1142400.00' },
            { component: 'major_equipment', amountUsd: '118131.94' },
            { component: 'self_sustainment', amountUsd: '50618.32' },
          ],
        },
      });
    });

    it('turns a corrected report into an adjustment claim, never a changed claim', async () => {
      const corrected = await post(`/v1/verification-reports/${mouId}/2019-04/corrections`, officerA).send({
        ...reportBody(9),
        reason: 'One APC found unserviceable',
      });
      expect(corrected.status).toBe(201);
      expect(corrected.body.version).toBe(2);
      const response = await post(`/v1/claims/${claimId}/adjustments`, officerA).send({
        adjustedOn: '2019-06-03',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        origin: 'adjustment',
        adjustsClaimId: claimId,
        amountUsd: '-9270.00',
        status: 'prepared',
        lines: [
          expect.objectContaining({
            kind: 'ADJUSTMENT',
            key: 'equipment:B001',
            quantity: '9',
            amountUsd: '-9270.00',
          }),
        ],
      });
      const original = await get(`/v1/claims/${claimId}`, auditor);
      expect(original.body).toMatchObject({
        amountUsd: '1311150.26',
        adjustmentClaimIds: [response.body.claimId],
      });
      expect((await app.events({ streamId: `claim-${claimId}` })).map((e) => e.type)).toEqual([
        'ClaimPrepared',
        'ClaimCertified',
      ]);
    });

    it('nets a certified downward adjustment against the claim it corrects', async () => {
      const [adjustmentId] = (await get(`/v1/claims/${claimId}`, auditor)).body.adjustmentClaimIds;
      const certified = await post(`/v1/claims/${adjustmentId}/certification`, officerB).send({
        certifiedOn: '2019-06-05',
      });
      expect(certified.body).toMatchObject({
        status: 'certified',
        amountUsd: '-9270.00',
        outstandingUsd: '0.00',
      });
      expect((await get(`/v1/claims/${claimId}`, auditor)).body.outstandingUsd).toBe('1301880.26');
    });

    it('shows a contributor representative their own claims only', async () => {
      expect((await get(`/v1/claims/${claimId}`, bangladesh)).status).toBe(200);
      const other = await get(`/v1/claims/${claimId}`, india);
      expect({ status: other.status, code: other.body.code }).toEqual({
        status: 403,
        code: 'CONTRIBUTOR_SCOPE',
      });
      const mine = await get('/v1/claims?mission=MINUSMA', bangladesh);
      expect(mine.body).toMatchObject({ total: 2, page: 1 });
      expect((await get('/v1/claims', india)).body).toMatchObject({ total: 0, items: [] });
      expect((await get('/v1/claims?contributor=BGD', india)).status).toBe(403);
    });

    it('lists claims by status and month', async () => {
      const response = await get('/v1/claims?status=certified&period=2019-04&origin=computed', auditor);
      expect(response.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([claimId]);
    });

    it('is shown paid once nothing is owed on it after payments and credits', async () => {
      // owed: 1311150.26 certified - 9270.00 credit of its adjustment = 1301880.26; paying that leaves
      // 1311150.26 - 1301880.26 = 9270.00 unpaid, which the credit absorbs: 0.00 owed
      const paid = await app
        .http()
        .post('/v1/imports/payments')
        .set('Authorization', officerA)
        .set('Content-Type', 'text/csv')
        .send(
          `payment_ref,mission,contributor,amount,paid_on,claim_ref\nPAY-${mouId.slice(0, 4)},MINUSMA,BGD,1301880.26,2019-06-20,DOS/MINUSMA/BGD/${mouId.slice(0, 4)}/2019-04\n`,
        );
      expect(paid.body).toMatchObject({ imported: 1, rejected: [] });
      expect((await get(`/v1/claims/${claimId}`, auditor)).body).toMatchObject({
        status: 'paid',
        paidUsd: '1301880.26',
        outstandingUsd: '0.00',
      });
      const byStatus = async (status: string) =>
        (await get(`/v1/claims?status=${status}&period=2019-04`, auditor)).body.items.map(
          (c: { claimId: string; status: string }) => [c.claimId, c.status],
        );
      const [adjustmentId] = (await get(`/v1/claims/${claimId}`, auditor)).body.adjustmentClaimIds;
      expect(await byStatus('paid')).toEqual([[claimId, 'paid']]);
      // the credit is never owed anything: it stays certified
      expect(await byStatus('certified')).toEqual([[adjustmentId, 'certified']]);
    });
  });

  describe('a wrongly prepared claim', () => {
    let claimId: string;

    it('is voided before certification, with the reason, and is then no payable', async () => {
      await post('/v1/verification-reports', officerA).send({ mouId, period: '2019-05', ...reportBody(10) });
      const prepared = await post('/v1/claims', officerA).send({
        mouId,
        period: '2019-05',
        preparedOn: '2019-06-10',
      });
      expect(prepared.status).toBe(201);
      claimId = prepared.body.claimId;
      const response = await post(`/v1/claims/${claimId}/voiding`, officerB)
        .set('If-Match', '"1"')
        .send({ voidedOn: '2019-06-11', reason: 'Prepared before the annex correction was in force.' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({
        status: 'voided',
        voidedOn: '2019-06-11',
        voidedBy: 'officer-b',
        voidReason: 'Prepared before the annex correction was in force.',
        outstandingUsd: '0.00',
      });
      const certify = await post(`/v1/claims/${claimId}/certification`, officerB).send({
        certifiedOn: '2019-06-12',
      });
      expect({ status: certify.status, code: certify.body.code }).toEqual({
        status: 409,
        code: 'CLAIM_VOIDED',
      });
      const listed = await get('/v1/claims?status=voided', auditor);
      expect(listed.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([claimId]);
      expect((await get('/v1/claims?status=prepared&period=2019-05', auditor)).body.total).toBe(0);
    });

    it('leaves the month to be prepared afresh', async () => {
      const again = await post('/v1/claims', officerA).send({
        mouId,
        period: '2019-05',
        preparedOn: '2019-06-12',
      });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        claimId,
        status: 'prepared',
        preparedOn: '2019-06-12',
        voidedOn: null,
        voidReason: null,
      });
    });

    it('cannot be voided without a reason, nor once certified', async () => {
      const before = await app.eventCount();
      await expectRejected(
        await post(`/v1/claims/${claimId}/voiding`, officerB).send({ voidedOn: '2019-06-13', reason: '' }),
        400,
        'VALIDATION_FAILED',
        before,
      );
      const certified = await post(`/v1/claims/${claimId}/certification`, officerB).send({
        certifiedOn: '2019-06-13',
      });
      expect(certified.status).toBe(200);
      const after = await app.eventCount();
      await expectRejected(
        await post(`/v1/claims/${claimId}/voiding`, officerB).send({
          voidedOn: '2019-06-14',
          reason: 'Too late',
        }),
        409,
        'CLAIM_ALREADY_CERTIFIED',
        after,
      );
    });
  });

  describe('letters of assist and death-and-disability awards', () => {
    it('are no longer typed in as a bare payable: 410 PAYABLE_ROUTE_RETIRED, recording nothing', async () => {
      const before = await app.eventCount();
      const response = await post('/v1/payables', officerA).send({
        category: 'letter_of_assist',
        claimRef: `LOA/${randomUUID().slice(0, 8)}`,
        mission: 'UNMISS',
        contributor: 'IND',
        period: '2019-03',
        amountUsd: '125000',
        description: 'Air support',
        preparedOn: '2019-04-15',
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 410,
        code: 'PAYABLE_ROUTE_RETIRED',
      });
      expect(await app.eventCount()).toBe(before);
    });
  });

  describe('rejects, recording nothing', () => {
    it.each([
      [
        'a claim for a month nobody verified',
        '/v1/claims',
        () => ({ mouId, period: '2019-02', preparedOn: '2019-05-10' }),
        404,
        'VERIFICATION_REPORT_NOT_FOUND',
      ],
      [
        'a claim prepared on a future date',
        '/v1/claims',
        () => ({ mouId, period: '2019-04', preparedOn: '2999-01-01' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown field',
        '/v1/claims',
        () => ({ mouId, period: '2019-04', preparedOn: '2019-05-10', extra: 1 }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a report on an MOU reimbursement does not know',
        '/v1/verification-reports',
        () => ({ mouId: randomUUID(), period: '2019-04', ...reportBody(10) }),
        422,
        'MOU_TERMS_NOT_FOUND',
      ],
      [
        'a report leaving out a line of annex B',
        '/v1/verification-reports',
        () => ({
          mouId,
          period: '2019-03',
          ...reportBody(10),
          equipment: [{ lineId: 'B999', presentAndServiceable: 1 }],
        }),
        422,
        'VERIFICATION_REPORT_INCOMPLETE',
      ],
      [
        'a second report on the same month',
        '/v1/verification-reports',
        () => ({ mouId, period: '2019-04', ...reportBody(10) }),
        409,
        'VERIFICATION_REPORT_EXISTS',
      ],
      [
        'money as a JSON number',
        '/v1/funds/MINUSMA/assessments',
        () => ({ amountUsd: 100.5, receivedOn: '2019-05-01' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a personnel rate with 3 decimals',
        '/v1/rate-tables/personnel/versions',
        () => ({ effectiveFrom: '2022-07-01', issuedOn: '2022-06-30', ratePerPersonMonthUsd: '1448.001' }),
        400,
        'VALIDATION_FAILED',
      ],
    ])('%s', async (_what, path, body, status, code) => {
      const before = await app.eventCount();
      await expectRejected(await post(path, officerA).send(body()), status, code, before);
    });

    it('a request without a token, or with a role that may not write', async () => {
      const before = await app.eventCount();
      await expectRejected(await app.http().post('/v1/claims').send({}), 401, 'UNAUTHENTICATED', before);
      await expectRejected(
        await post('/v1/claims', clerk).send({ mouId, period: '2019-04', preparedOn: '2019-05-10' }),
        403,
        'FORBIDDEN',
        before,
      );
      await expectRejected(
        await post('/v1/claims', auditor).send({ mouId, period: '2019-04', preparedOn: '2019-05-10' }),
        403,
        'FORBIDDEN',
        before,
      );
    });

    it('a claim id that is not a UUID', async () => {
      expect((await get('/v1/claims/not-a-uuid', auditor)).status).toBe(400);
      expect((await get(`/v1/claims/${randomUUID()}`, auditor)).body.code).toBe('CLAIM_NOT_FOUND');
    });
  });

  describe('rate tables', () => {
    it('issues a later personnel rate as data, replaying a retried request', async () => {
      const key = randomUUID();
      const body = { effectiveFrom: '2022-07-01', issuedOn: '2022-06-30', ratePerPersonMonthUsd: '1448' };
      const first = await post('/v1/rate-tables/personnel/versions', officerA)
        .set('Idempotency-Key', key)
        .send(body);
      expect(first.status).toBe(201);
      expect(first.headers.etag).toBe('"5"');
      expect(first.body).toEqual({
        tableId: 'personnel',
        version: 5,
        effectiveFrom: '2022-07-01',
        issuedOn: '2022-06-30',
        values: { kind: 'personnel', ratePerPersonMonthUsd: '1448.00' },
        affectedClaims: [],
      });
      const before = await app.eventCount();
      const again = await post('/v1/rate-tables/personnel/versions', officerA)
        .set('Idempotency-Key', key)
        .send(body);
      expect(again.body).toEqual(first.body);
      expect(await app.eventCount()).toBe(before);
    });

    it('issues a mission’s factors', async () => {
      const response = await post('/v1/rate-tables/mission-factors/UNMISS/versions', officerA).send({
        effectiveFrom: '2019-07-01',
        issuedOn: '2019-06-15',
        extremeEnvironmentPct: '2.6',
        intensifiedOperationalConditionPct: '3',
        hostileActionPct: '4.10',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        tableId: 'mission-factors-UNMISS',
        version: 1,
        values: { extremeEnvironmentPct: '2.60', intensifiedOperationalConditionPct: '3.00' },
      });
    });
  });
});
