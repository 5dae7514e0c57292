import { randomUUID } from 'node:crypto';
import { type TestApp, minusmaTerms, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// Issue 14, rules 3-7 over HTTP on real PostgreSQL: the 67/261 breakdown and exemptions, partial
// self-sustainment, mission-factor caps, the incremental transportation factor, claims by component and
// a retroactive personnel rate.
describe('claim rules over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  let auditor: string;
  const mouId = randomUUID();
  const farMouId = randomUUID();

  // APCs 10 × 1,000.00 = 10,000 (wet), generators 25 × 200.00 = 5,000 (dry); factors 1 + 1 + 1 % => 1.03
  const annexB = [
    {
      lineId: 'B001',
      category: 'armoured-personnel-carrier',
      item: 'apc-wheeled',
      quantity: 10,
      lease: 'wet' as const,
      monthlyRateUsd: '1000.00',
    },
    {
      lineId: 'B002',
      category: 'electrical',
      item: 'generator-60-kva',
      quantity: 25,
      lease: 'dry' as const,
      monthlyRateUsd: '200.00',
    },
  ];

  beforeAll(async () => {
    app = await startTestApp();
    officerA = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    officerB = await app.bearer({ sub: 'officer-b', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    await app.termsInForce(minusmaTerms(mouId, { annexB }));
    await app.termsInForce(minusmaTerms(farMouId, { annexB }));
    // deployed before the months claimed: every day of them is a service day
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    await app.unitMoved(farMouId, { deployedOn: '2019-01-15' });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const post = (path: string, as = officerA) => app.http().post(path).set('Authorization', as);
  const get = (path: string) => app.http().get(path).set('Authorization', auditor);
  const amounts = (lines: { key: string; kind: string; amountUsd: string }[]) =>
    lines.map((l) => [l.key, l.amountUsd]);

  const month = (period: string, reportedOn: string) => ({
    period,
    reportedOn,
    strength: 800,
    equipment: [
      { lineId: 'B001', presentAndServiceable: 8, presentUnserviceable: 0, absent: 2 },
      { lineId: 'B002', presentAndServiceable: 22, presentUnserviceable: 3 },
    ],
    selfSustainment: [
      { category: 'catering', provision: 'partial' },
      { category: 'communications', providedToStandard: true },
    ],
  });

  describe('rate tables for the new rules', () => {
    it('refuses a mission-factor table above the 5 % cap in force, and issues one at it', async () => {
      const before = await app.eventCount();
      const body = {
        effectiveFrom: '2019-07-01',
        issuedOn: '2019-06-15',
        intensifiedOperationalConditionPct: '1',
        hostileActionPct: '1',
      };
      const refused = await post('/v1/rate-tables/mission-factors/MINUSCA/versions').send({
        ...body,
        extremeEnvironmentPct: '5.01',
      });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 422,
        code: 'MISSION_FACTOR_ABOVE_CAP',
      });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await app.eventCount()).toBe(before);
      const issued = await post('/v1/rate-tables/mission-factors/MINUSCA/versions').send({
        ...body,
        extremeEnvironmentPct: '5',
      });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({
        version: 1,
        values: { extremeEnvironmentPct: '5.00' },
        affectedClaims: [],
      });
    });

    it('issues the partial self-sustainment rule and an MOU’s distance from the port of embarkation', async () => {
      const partial = await post('/v1/rate-tables/self-sustainment-partial/versions').send({
        effectiveFrom: '2014-07-01',
        issuedOn: '2019-01-02',
        paidPct: '50',
      });
      expect(partial.status).toBe(201);
      expect(partial.body.values).toEqual({ kind: 'self-sustainment-partial', paidPct: '50.00' });
      const transport = await post(`/v1/rate-tables/incremental-transport/${farMouId}/versions`).send({
        effectiveFrom: '2019-01-15',
        issuedOn: '2019-01-20',
        distanceKm: 2500,
      });
      expect(transport.status).toBe(201);
      expect(transport.body).toMatchObject({
        tableId: `incremental-transport-${farMouId}`,
        values: { kind: 'incremental-transport', mouId: farMouId, distanceKm: 2500, pct: null },
      });
    });

    it('ships the 67/261 exemptions and the 5 % caps as data', async () => {
      expect((await get('/v1/rate-tables/deduction-exemptions')).body.versions[0].values).toEqual({
        kind: 'deduction-exemptions',
        dryLeaseUnserviceable: true,
        hostileActionLoss: true,
        notDeployedAtUnRequest: true,
      });
      expect((await get('/v1/rate-tables/mission-factor-caps')).body.versions[0].values).toMatchObject({
        extremeEnvironmentPct: '5.00',
      });
    });
  });

  describe('a verification report with the 67/261 breakdown and a partial category', () => {
    it('is recorded with the absent count derived', async () => {
      const response = await post('/v1/verification-reports').send({
        mouId,
        ...month('2019-04', '2019-05-03'),
      });
      expect(response.status).toBe(201);
      expect(response.body.equipment).toEqual([
        { lineId: 'B001', presentAndServiceable: 8, presentUnserviceable: 0, absent: 2 },
        { lineId: 'B002', presentAndServiceable: 22, presentUnserviceable: 3, absent: 0 },
      ]);
      expect(response.body.selfSustainment[0]).toEqual({
        category: 'catering',
        providedToStandard: false,
        provision: 'partial',
      });
    });

    it.each([
      [
        'counts that do not add up',
        { lineId: 'B001', presentAndServiceable: 8, absent: 1 },
        'EQUIPMENT_COUNT_MISMATCH',
      ],
      [
        'more hostile-action losses than absent items',
        {
          lineId: 'B001',
          presentAndServiceable: 9,
          lostThroughHostileAction: { count: 2, incidentId: 'INC-7' },
        },
        'EXEMPT_COUNT_EXCEEDS_ABSENT',
      ],
    ])('refuses %s', async (_what, line, code) => {
      const before = await app.eventCount();
      const body = month('2019-03', '2019-04-02');
      const response = await post('/v1/verification-reports').send({
        mouId,
        ...body,
        equipment: [line, body.equipment[1]],
      });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 422, code });
      expect(await app.eventCount()).toBe(before);
    });

    it('refuses a provision contradicting providedToStandard', async () => {
      const body = month('2019-03', '2019-04-02');
      const response = await post('/v1/verification-reports').send({
        mouId,
        ...body,
        selfSustainment: [
          { category: 'catering', provision: 'partial', providedToStandard: true },
          { category: 'communications', providedToStandard: true },
        ],
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'INCONSISTENT_PROVISION',
      });
    });
  });

  describe('the claim, its certification and a retroactive personnel rate', () => {
    let claimId: string;

    it('computes every line to the cent', async () => {
      const response = await post('/v1/claims').send({ mouId, period: '2019-04', preparedOn: '2019-05-10' });
      expect(response.status).toBe(201);
      claimId = response.body.claimId;
      expect(amounts(response.body.lines)).toEqual([
        ['personnel', '1142400.00'], // 800 × 1,428.00
        ['equipment:B001', '8240.00'], // 8 × 1,000.00 × 1.03
        ['equipment:B002', '4532.00'], // 22 × 200.00 × 1.03
        ['self-sustainment:catering', '11713.16'], // 800 × 28.43 × 50 % × 1.03
        ['self-sustainment:communications', '27192.00'], // 800 × 33.00 × 1.03
        // 2 absent APCs count (2,000), the 3 unserviceable dry-lease generators (600) do not:
        // 2,000 ÷ 15,000 = 13.33 % > 10 % → 1,142,400.00 × 2,000 ÷ 15,000
        ['deduction-67-261', '-152320.00'],
      ]);
      // 1,142,400 + 8,240 + 4,532 + 11,713.16 + 27,192 − 152,320
      expect(response.body.amountUsd).toBe('1041757.16');
    });

    it('is certified with its total per component', async () => {
      const response = await post(`/v1/claims/${claimId}/certification`, officerB).send({
        certifiedOn: '2019-05-20',
      });
      expect(response.status).toBe(200);
      const [certified] = await app.events({ streamId: `claim-${claimId}`, type: 'ClaimCertified' });
      expect(certified!.data).toMatchObject({
        amountUsd: '1041757.16',
        lines: [
          { component: 'personnel', amountUsd: '990080.00' }, // 1,142,400.00 − 152,320.00
          { component: 'major_equipment', amountUsd: '12772.00' }, // 8,240 + 4,532
          { component: 'self_sustainment', amountUsd: '38905.16' }, // 11,713.16 + 27,192
        ],
      });
    });

    it('raises the far unit’s factors by its incremental transportation: 2,500 km → 0.50 %', async () => {
      expect(
        (await post('/v1/verification-reports').send({ mouId: farMouId, ...month('2019-04', '2019-05-03') }))
          .status,
      ).toBe(201);
      const response = await post('/v1/claims').send({
        mouId: farMouId,
        period: '2019-04',
        preparedOn: '2019-05-10',
      });
      expect(amounts(response.body.lines).slice(1, 5)).toEqual([
        ['equipment:B001', '8280.00'], // 8 × 1,000.00 × 1.035
        ['equipment:B002', '4554.00'], // 22 × 200.00 × 1.035
        ['self-sustainment:catering', '11770.02'], // 800 × 28.43 × 50 % × 1.035 = 11,372 × 1.035
        ['self-sustainment:communications', '27324.00'], // 800 × 33.00 × 1.035
      ]);
    });

    it('lists the certified claim a personnel rate issued effective in the past changes', async () => {
      const response = await post('/v1/rate-tables/personnel/versions').send({
        effectiveFrom: '2019-04-01',
        issuedOn: '2019-09-02',
        ratePerPersonMonthUsd: '1448.00',
      });
      expect(response.status).toBe(201);
      const affected = [
        {
          claimId,
          claimRef: expect.stringMatching(/\/2019-04$/),
          mouId,
          mission: 'MINUSMA',
          contributor: 'BGD',
          period: '2019-04',
          usedVersions: [4],
        },
      ];
      expect(response.body).toMatchObject({ version: 5, affectedClaims: affected });
      const listed = await get('/v1/rate-tables/personnel/versions/5/affected-claims');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(affected);
      expect((await get('/v1/rate-tables/personnel/versions/9/affected-claims')).body.code).toBe(
        'RATE_TABLE_NOT_FOUND',
      );
    });

    it('recalculates it into an adjustment claim naming the old and the new version', async () => {
      const response = await post(`/v1/claims/${claimId}/adjustments`).send({ adjustedOn: '2019-09-03' });
      expect(response.status).toBe(201);
      const base = { mouAnnexVersion: 1, verificationReportVersion: 1 };
      expect(response.body).toMatchObject({
        origin: 'adjustment',
        adjustsClaimId: claimId,
        amountUsd: '13866.67', // 16,000.00 − 2,133.33
        lines: [
          expect.objectContaining({
            key: 'personnel',
            amountUsd: '16000.00', // 800 × (1,448.00 − 1,428.00)
            adjustsSources: { ...base, rateTables: [{ tableId: 'personnel', version: 4 }] },
            sources: { ...base, rateTables: [{ tableId: 'personnel', version: 5 }] },
          }),
          expect.objectContaining({
            key: 'deduction-67-261',
            // 1,158,400.00 × 2,000 ÷ 15,000 = 154,453.333… → −154,453.33; less −152,320.00 already counted
            amountUsd: '-2133.33',
          }),
        ],
      });
      expect((await get('/v1/rate-tables/personnel/versions/5/affected-claims')).body).toEqual([]);
    });
  });
});
