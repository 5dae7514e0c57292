import type { Pool } from 'pg';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { type ProjectionsTestApp, startProjectionsTestApp } from '../testing/projections.test-app';
import { claimCertified, paymentMade } from '../testing/reimbursement-events';

// Hand-computed as of 2019-03-31:
//   IND: six unpaid claims aged exactly 90, 91, 180, 181, 365 and 366 days.
//   RWA: R1 300.00 (2018-06-01), R2 500.00 (2018-07-01, 273 days), R3 250.00 (2019-01-15, 75 days);
//        P1 600.00 on 2019-02-01 settles oldest first: R1 300.00, R2 300.00;
//        P2 100.00 on 2019-03-01 names R3; P3 200.00 on 2019-04-10 (after the date) settles R2.
//        certified 1050.00, paid 700.00, outstanding 350.00: R2 200.00 (181-365) + R3 150.00 (0-90).
//        by category: personnel 300.00 + 500.00 + 200.00 = 1,000.00, major equipment 50.00 (R3's line).
//   NPL: 350.00 certified on the day itself (0 days): ties with RWA, sorted by code.
//   BGD: certified after the date only, so absent.
const ind = [
  ['I90', '100.10', '2018-12-31'],
  ['I91', '200.20', '2018-12-30'],
  ['I180', '0.30', '2018-10-02'],
  ['I181', '400.40', '2018-10-01'],
  ['I365', '500.50', '2018-03-31'],
  ['I366', '600.60', '2018-03-30'],
] as const;

describe('payables', () => {
  let pool: Pool;
  let prefix: string;
  let t: ProjectionsTestApp;
  let finance: string;

  beforeAll(async () => {
    pool = testPool(4);
    prefix = `${randomSchema('pp')}_`;
    t = await startProjectionsTestApp(pool, prefix);
    for (const [id, amount, on] of ind)
      await t.append('reimbursement', `claim-${id}`, [claimCertified(id, 'IND', 'MINUSMA', amount, on)]);
    await t.append('reimbursement', 'claim-R1', [
      claimCertified('R1', 'RWA', 'UNMISS', '300.00', '2018-06-01'),
    ]);
    await t.append('reimbursement', 'claim-R2', [
      claimCertified('R2', 'RWA', 'UNMISS', '500.00', '2018-07-01'),
    ]);
    await t.append('reimbursement', 'claim-R3', [
      // a computed claim keeps its components: personnel 200.00 and major equipment 50.00
      claimCertified('R3', 'RWA', 'UNMISS', '250.00', '2019-01-15', '2019-01', [
        { component: 'personnel', amountUsd: '200.00' },
        { component: 'major_equipment', amountUsd: '50.00' },
      ]),
    ]);
    await t.append('reimbursement', 'payment-P1', [
      paymentMade('P1', 'RWA', 'UNMISS', '2019-02-01', [
        ['R1', '300.00'],
        ['R2', '300.00'],
      ]),
    ]);
    await t.append('reimbursement', 'payment-P2', [
      paymentMade('P2', 'RWA', 'UNMISS', '2019-03-01', [['R3', '100.00']]),
    ]);
    await t.append('reimbursement', 'payment-P3', [
      paymentMade('P3', 'RWA', 'UNMISS', '2019-04-10', [['R2', '200.00']]),
    ]);
    await t.append('reimbursement', 'claim-N1', [
      claimCertified('N1', 'NPL', 'UNMISS', '350.00', '2019-03-31'),
    ]);
    // PAK, after the dates above: C1 100.00 certified and paid, C1/ADJ1 −20.00 certified, C2 50.00 certified
    await t.append('reimbursement', 'claim-K1', [
      claimCertified('K1', 'PAK', 'MINUSMA', '100.00', '2019-05-02'),
    ]);
    await t.append('reimbursement', 'payment-KP1', [
      paymentMade('KP1', 'PAK', 'MINUSMA', '2019-05-10', [['K1', '100.00']]),
    ]);
    await t.append('reimbursement', 'claim-K1A', [
      claimCertified('K1A', 'PAK', 'MINUSMA', '-20.00', '2019-05-20'),
    ]);
    await t.append('reimbursement', 'claim-K2', [
      claimCertified('K2', 'PAK', 'MINUSMA', '50.00', '2019-06-03'),
    ]);
    await t.append('reimbursement', 'claim-B1', [
      claimCertified('B1', 'BGD', 'MINUSMA', '999.00', '2019-05-01'),
    ]);
    await t.caughtUp();
    finance = await t.token({ roles: ['finance-officer'] });
  });

  afterAll(async () => {
    await t?.close();
    for (const s of ['projections', 'mou_negotiation', 'reimbursement'])
      await dropSchema(pool, `${prefix}${s}`);
    await pool?.end();
  });

  // the figures of a row, as a statement's split by mission or category repeats them (the split by
  // component is the row's and the statement's own)
  const without = ({
    contributor: _c,
    certifiedByCategory: _k,
    ...figures
  }: {
    contributor: string;
    certifiedByCategory?: unknown;
  }) => figures;

  // Every `…Usd` name equals the first name it stands next to (issue 18 item 12); the answers are then
  // compared under the first names, as before the `Usd` names came.
  const firstNames = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(firstNames);
    if (value === null || typeof value !== 'object') return value;
    const named = value as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const [name, figure] of Object.entries(named)) {
      const first = name.endsWith('Usd') ? name.slice(0, -3) : undefined;
      if (first !== undefined && first in named) expect([name, figure]).toEqual([name, named[first]]);
      else kept[name] = firstNames(figure);
    }
    return kept;
  };

  const get = (path: string, token = finance) =>
    request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  const rwa = {
    contributor: 'RWA',
    certified: '1050.00',
    paid: '700.00',
    outstanding: '350.00',
    credits: '0.00',
    owed: '350.00',
    aging: { '0-90': '150.00', '91-180': '0.00', '181-365': '200.00', 'over-365': '0.00' },
    certifiedByCategory: { personnel: '1000.00', major_equipment: '50.00' },
  };

  it('owes each contributor what was certified less what was paid, aged by claim, largest first', async () =>
    expect(firstNames((await get('/v1/reports/payables?asOf=2019-03-31').expect(200)).body)).toEqual({
      asOf: '2019-03-31',
      currency: 'USD',
      certified: '3202.10',
      paid: '700.00',
      outstanding: '2502.10',
      credits: '0.00',
      owed: '2502.10',
      certifiedByCategory: { personnel: '3152.10', major_equipment: '50.00' },
      contributors: [
        {
          contributor: 'IND',
          certified: '1802.10',
          paid: '0.00',
          outstanding: '1802.10',
          credits: '0.00',
          owed: '1802.10',
          // 90 | 91 and 180 | 181 and 365 | 366
          aging: { '0-90': '100.10', '91-180': '200.50', '181-365': '900.90', 'over-365': '600.60' },
          certifiedByCategory: { personnel: '1802.10' },
        },
        {
          contributor: 'NPL',
          certified: '350.00',
          paid: '0.00',
          outstanding: '350.00',
          credits: '0.00',
          owed: '350.00',
          aging: { '0-90': '350.00', '91-180': '0.00', '181-365': '0.00', 'over-365': '0.00' },
          certifiedByCategory: { personnel: '350.00' },
        },
        rwa,
      ],
    }));

  describe('exported', () => {
    it('as CSV: the contributors rows, the same figures as the JSON report', async () => {
      const response = await get('/v1/reports/payables/export?asOf=2019-03-31&format=csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="payables-2019-03-31.csv"');
      expect(response.text).toBe(
        'contributor,certified,paid,outstanding,aging 0-90,aging 91-180,aging 181-365,aging over-365\r\n' +
          'IND,1802.10,0.00,1802.10,100.10,200.50,900.90,600.60\r\n' +
          'NPL,350.00,0.00,350.00,350.00,0.00,0.00,0.00\r\n' +
          'RWA,1050.00,700.00,350.00,150.00,0.00,200.00,0.00\r\n',
      );
    });

    it('as an Excel workbook: the rows and the totals, a sheet each', async () => {
      const response = await get('/v1/reports/payables/export?asOf=2019-03-31&format=xlsx')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as never);
      const rows = (name: string) =>
        workbook
          .getWorksheet(name)!
          .getSheetValues()
          .slice(1)
          .map((row) => (row as unknown[]).slice(1));
      expect(rows('contributors')[3]).toEqual([
        'RWA',
        '1050.00',
        '700.00',
        '350.00',
        '150.00',
        '0.00',
        '200.00',
        '0.00',
      ]);
      expect(rows('totals')).toEqual([
        ['asOf', 'currency', 'certified', 'paid', 'outstanding'],
        ['2019-03-31', 'USD', '3202.10', '700.00', '2502.10'],
      ]);
    });

    it("as a representative's own statement, and never another's", async () => {
      const representative = await t.token({ roles: ['contributor-representative'], contributor: 'RWA' });
      const own = await get(
        '/v1/reports/contributors/RWA/statement/export?asOf=2019-03-31',
        representative,
      ).expect(200);
      expect(own.text.split('\r\n')[0]).toBe(
        'claimRef,mission,category,period,certifiedOn,amount,settled,outstanding,ageDays,agingBucket',
      );
      expect(own.text).toContain('R2,UNMISS,');
      const other = await get(
        '/v1/reports/contributors/IND/statement/export?asOf=2019-03-31',
        representative,
      );
      expect([other.status, other.body.code]).toEqual([403, 'CONTRIBUTOR_SCOPE']);
      expect(JSON.stringify(other.body)).not.toContain('100.10');
    });

    it('refuses an unknown format', async () => {
      const response = await get('/v1/reports/payables/export?format=pdf');
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  it('counts a payment once its business date is reached, settling the claims it names', async () => {
    const { body } = await get('/v1/reports/payables?asOf=2019-04-30').expect(200);
    expect(
      firstNames(body.contributors.find((c: { contributor: string }) => c.contributor === 'RWA')),
    ).toEqual({
      contributor: 'RWA',
      certified: '1050.00',
      paid: '900.00',
      outstanding: '150.00',
      credits: '0.00',
      owed: '150.00',
      aging: { '0-90': '0.00', '91-180': '150.00', '181-365': '0.00', 'over-365': '0.00' },
      certifiedByCategory: { personnel: '1000.00', major_equipment: '50.00' },
    });
  });

  describe('a credit: K1 100.00 certified and paid, K1A −20.00 certified after it, then K2 50.00', () => {
    it('is a credit of the contributor while no later payable absorbs it', async () => {
      const { body } = await get('/v1/reports/payables?asOf=2019-05-31').expect(200);
      // certified 100.00 − 20.00 = 80.00, paid 100.00: outstanding −20.00, a credit of 20.00, nothing owed
      expect(body.contributors.find((c: { contributor: string }) => c.contributor === 'PAK')).toMatchObject({
        certified: '80.00',
        paid: '100.00',
        outstanding: '-20.00',
        credits: '20.00',
        owed: '0.00',
      });
    });

    it('is offset against the next payable: 30.00 owed, in the report and the statement alike', async () => {
      const { body } = await get('/v1/reports/payables?asOf=2019-06-30').expect(200);
      // certified 100.00 − 20.00 + 50.00 = 130.00, paid 100.00, outstanding 30.00 = 50.00 − 20.00 on K2
      const pak = {
        contributor: 'PAK',
        certified: '130.00',
        paid: '100.00',
        outstanding: '30.00',
        credits: '0.00',
        owed: '30.00',
        aging: { '0-90': '30.00', '91-180': '0.00', '181-365': '0.00', 'over-365': '0.00' },
        // 100.00 − 20.00 + 50.00, all personnel
        certifiedByCategory: { personnel: '130.00' },
      };
      expect(
        firstNames(body.contributors.find((c: { contributor: string }) => c.contributor === 'PAK')),
      ).toEqual(pak);
      const statement = (await get('/v1/reports/contributors/PAK/statement?asOf=2019-06-30').expect(200))
        .body;
      expect(statement).toMatchObject({
        ...without(pak),
        byMission: [{ mission: 'MINUSMA', ...without(pak) }],
      });
      // K1 is settled (listed with the settled ones); the credit K1A and K2 are open
      const owed = (claims: { claimId: string; owed: string }[]) => claims.map((c) => [c.claimId, c.owed]);
      expect(owed(statement.claims)).toEqual([
        ['K1A', '0.00'],
        ['K2', '30.00'],
      ]);
      expect(owed(statement.settledClaims)).toEqual([['K1', '0.00']]);
    });
  });

  it('leaves out contributors with nothing certified yet', async () => {
    const { body } = await get('/v1/reports/payables?asOf=2018-04-01').expect(200);
    expect(body).toMatchObject({ certified: '1101.10', paid: '0.00', outstanding: '1101.10' });
    expect(body.contributors.map((c: { contributor: string }) => c.contributor)).toEqual(['IND']);
  });

  describe('for a contributor representative', () => {
    let representative: string;
    beforeAll(async () => {
      representative = await t.token({ roles: ['contributor-representative'], contributor: 'RWA' });
    });

    it('gives only their row, and totals of it', async () =>
      expect(
        firstNames((await get('/v1/reports/payables?asOf=2019-03-31', representative).expect(200)).body),
      ).toEqual({
        asOf: '2019-03-31',
        currency: 'USD',
        certified: '1050.00',
        paid: '700.00',
        outstanding: '350.00',
        credits: '0.00',
        owed: '350.00',
        certifiedByCategory: rwa.certifiedByCategory,
        contributors: [rwa],
      }));

    it('refuses another country’s statement without a word of its data', async () => {
      const response = await get(
        '/v1/reports/contributors/IND/statement?asOf=2019-03-31',
        representative,
      ).expect(403);
      expect(response.body).toEqual(expect.objectContaining({ status: 403, code: 'CONTRIBUTOR_SCOPE' }));
      expect(JSON.stringify(response.body)).not.toContain('100.10');
    });

    it('gives their own statement: open claims oldest first, settled ones and payments latest first', async () =>
      expect(
        firstNames(
          (await get('/v1/reports/contributors/RWA/statement?asOf=2019-03-31', representative).expect(200))
            .body,
        ),
      ).toEqual({
        contributor: 'RWA',
        asOf: '2019-03-31',
        currency: 'USD',
        certified: '1050.00',
        paid: '700.00',
        outstanding: '350.00',
        credits: '0.00',
        owed: '350.00',
        aging: rwa.aging,
        certifiedByCategory: rwa.certifiedByCategory,
        byMission: [{ mission: 'UNMISS', ...without(rwa) }],
        byCategory: [{ category: 'personnel', ...without(rwa) }],
        claims: [
          {
            claimId: 'R2',
            claimRef: 'REF-R2',
            mission: 'UNMISS',
            category: 'personnel',
            components: [{ component: 'personnel', amount: '500.00' }],
            period: '2018-07',
            certifiedOn: '2018-07-01',
            amount: '500.00',
            settled: '300.00',
            outstanding: '200.00',
            owed: '200.00',
            unusedCredit: '0.00',
            ageDays: 273,
            agingBucket: '181-365',
          },
          {
            claimId: 'R3',
            claimRef: 'REF-R3',
            mission: 'UNMISS',
            category: 'personnel',
            components: [
              { component: 'personnel', amount: '200.00' },
              { component: 'major_equipment', amount: '50.00' },
            ],
            period: '2019-01',
            certifiedOn: '2019-01-15',
            amount: '250.00',
            settled: '100.00',
            outstanding: '150.00',
            owed: '150.00',
            unusedCredit: '0.00',
            ageDays: 75,
            agingBucket: '0-90',
          },
        ],
        settledClaims: [
          {
            claimId: 'R1',
            claimRef: 'REF-R1',
            mission: 'UNMISS',
            category: 'personnel',
            components: [{ component: 'personnel', amount: '300.00' }],
            period: '2018-06',
            certifiedOn: '2018-06-01',
            amount: '300.00',
            settled: '300.00',
            outstanding: '0.00',
            owed: '0.00',
            unusedCredit: '0.00',
            ageDays: 303,
            agingBucket: '181-365',
            settledOn: '2019-02-01',
          },
        ],
        settledClaimCount: 1,
        nextSettledCursor: null,
        payments: [
          {
            paymentId: 'P2',
            paymentRef: 'PAY-P2',
            mission: 'UNMISS',
            amount: '100.00',
            paidOn: '2019-03-01',
            paymentRunId: null,
            allocations: [{ claimId: 'R3', claimRef: 'REF-R3', amount: '100.00' }],
          },
          {
            paymentId: 'P1',
            paymentRef: 'PAY-P1',
            mission: 'UNMISS',
            amount: '600.00',
            paidOn: '2019-02-01',
            paymentRunId: null,
            allocations: [
              { claimId: 'R1', claimRef: 'REF-R1', amount: '300.00' },
              { claimId: 'R2', claimRef: 'REF-R2', amount: '300.00' },
            ],
          },
        ],
        paymentCount: 2,
        nextPaymentCursor: null,
      }));

    it('pages the settled claims and the payments, the figures of every page those of the whole', async () => {
      const statement = (path: string) =>
        get(`/v1/reports/contributors/RWA/statement?asOf=2019-03-31&${path}`, representative).expect(200);
      const first = (await statement('pageSize=1')).body;
      expect(first).toMatchObject({
        certified: '1050.00',
        paid: '700.00',
        owed: '350.00',
        claims: [{ claimId: 'R2' }, { claimId: 'R3' }],
        settledClaims: [{ claimId: 'R1', settledOn: '2019-02-01' }],
        settledClaimCount: 1,
        nextSettledCursor: null,
        payments: [{ paymentId: 'P2' }],
        paymentCount: 2,
        nextPaymentCursor: '2019-03-01.P2',
      });
      const second = (await statement(`pageSize=1&paymentCursor=${first.nextPaymentCursor}`)).body;
      expect(second).toMatchObject({
        paid: '700.00',
        payments: [{ paymentId: 'P1' }],
        nextPaymentCursor: null,
      });
      // after the only settled claim, no more
      const after = (await statement('pageSize=1&settledCursor=2019-02-01.R1')).body;
      expect(after).toMatchObject({ settledClaims: [], settledClaimCount: 1, nextSettledCursor: null });
    });
  });

  it('names every money figure of the statement and the payables report also with `Usd`, the same value, the first name deprecated', async () => {
    const statement = (await get('/v1/reports/contributors/RWA/statement?asOf=2019-03-31').expect(200)).body;
    expect(statement).toMatchObject({
      certified: '1050.00',
      certifiedUsd: '1050.00',
      paidUsd: '700.00',
      outstandingUsd: '350.00',
      creditsUsd: '0.00',
      owedUsd: '350.00',
      byMission: [{ mission: 'UNMISS', certifiedUsd: '1050.00', owedUsd: '350.00' }],
      byCategory: [{ category: 'personnel', paidUsd: '700.00' }],
    });
    type Named = { claimId?: string; paymentId?: string };
    // R2 is open at asOf (the statement's `claims`); R1 is settled (its `settledClaims`)
    expect(statement.claims.find((c: Named) => c.claimId === 'R2')).toMatchObject({
      amount: '500.00',
      amountUsd: '500.00',
      settledUsd: '300.00',
      outstandingUsd: '200.00',
      owedUsd: '200.00',
      unusedCreditUsd: '0.00',
      components: [{ component: 'personnel', amount: '500.00', amountUsd: '500.00' }],
    });
    const [settled] = statement.settledClaims;
    expect(settled).toMatchObject({ claimId: 'R1', amountUsd: settled.amount, settledUsd: settled.settled });
    expect(statement.payments.find((p: Named) => p.paymentId === 'P1')).toMatchObject({
      amount: '600.00',
      amountUsd: '600.00',
      allocations: [
        { claimRef: 'REF-R1', amountUsd: '300.00' },
        { claimRef: 'REF-R2', amountUsd: '300.00' },
      ],
    });
    const payables = (await get('/v1/reports/payables?asOf=2019-03-31').expect(200)).body;
    expect(payables).toMatchObject({ certified: '3202.10', certifiedUsd: '3202.10', owedUsd: '2502.10' });
    expect(payables.contributors[0]).toMatchObject({ contributor: 'IND', outstandingUsd: '1802.10' });

    const document = (await request(t.app.getHttpServer()).get('/openapi.json')).body as {
      components: { schemas: Record<string, { properties: Record<string, { deprecated?: boolean }> }> };
    };
    const figures = document.components.schemas.ContributorStatementResponse!.properties;
    expect([figures.certified?.deprecated, figures.certifiedUsd?.deprecated]).toEqual([true, undefined]);
    const claim = document.components.schemas.StatementClaimResponse!.properties;
    expect([claim.amount?.deprecated, claim.amountUsd?.deprecated]).toEqual([true, undefined]);
  });

  it('gives an auditor any statement, and an empty one for a contributor owed nothing', async () => {
    const auditor = await t.token({ roles: ['auditor'] });
    const { body } = await get('/v1/reports/contributors/FRA/statement?asOf=2019-03-31', auditor).expect(200);
    expect(body).toMatchObject({
      contributor: 'FRA',
      certified: '0.00',
      outstanding: '0.00',
      claims: [],
      settledClaims: [],
      settledClaimCount: 0,
      payments: [],
      paymentCount: 0,
    });
  });

  it.each([
    ['/v1/reports/payables?asOf=2019-3-31'],
    ['/v1/reports/contributors/india/statement'],
    ['/v1/reports/contributors/IND/statement?asOf=tomorrow'],
    ['/v1/reports/contributors/IND/statement?pageSize=0'],
    ['/v1/reports/contributors/IND/statement?pageSize=501'],
    ['/v1/reports/contributors/IND/statement?settledCursor=R1'],
    ['/v1/reports/contributors/IND/statement?paymentCursor=2019-03-01'],
    ['/v1/reports/contributors/IND/statement?settledCursor=2019-02-31.R1'],
  ])('refuses %s with a 400', async (path) =>
    expect((await get(path).expect(400)).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' }),
  );

  it('is not for MOU clerks', async () => {
    const clerk = await t.token({ roles: ['mou-clerk'] });
    await get('/v1/reports/payables', clerk).expect(403);
  });
});
