import { agingBucket, agingOf } from './payables.aging';
import { Decimal } from '@coe/platform';
import fc from 'fast-check';
import { type ClaimBalance, figuresOf, owedClaims, payablesReport } from './payables.report';

const claim = (
  claimRef: string,
  contributor: string,
  ageDays: number,
  amountUsd: string,
  settledUsd: string,
  mission = 'MINUSMA',
): ClaimBalance => ({
  claimId: `id-${claimRef}`,
  claimRef,
  mission,
  contributor,
  category: 'personnel',
  period: '2019-01',
  certifiedOn: new Date(Date.UTC(2019, 2, 31) - ageDays * 86_400_000).toISOString().slice(0, 10),
  ageDays,
  amountUsd,
  settledUsd,
  outstandingUsd: new Decimal(amountUsd).minus(settledUsd).toFixed(2),
});

describe('payables', () => {
  describe('aging bucket of a claim', () => {
    it.each([
      [0, '0-90'],
      [90, '0-90'],
      [91, '91-180'],
      [180, '91-180'],
      [181, '181-365'],
      [365, '181-365'],
      [366, 'over-365'],
    ])('at %i days is %s', (days, bucket) => expect(agingBucket(days)).toBe(bucket));

    it('refuses a negative age', () => expect(() => agingBucket(-1)).toThrow(RangeError));
  });

  it('sums what is owed per bucket in decimal, with every bucket present', () =>
    expect(
      agingOf([
        { ageDays: 90, outstandingUsd: '0.10' },
        { ageDays: 10, outstandingUsd: '0.20' },
        { ageDays: 400, outstandingUsd: '5.00' },
      ]),
    ).toEqual({ '0-90': '0.30', '91-180': '0.00', '181-365': '0.00', 'over-365': '5.00' }));

  it('sorts contributors by outstanding, largest first, then by code', () => {
    const report = payablesReport(
      '2019-03-31',
      [
        claim('R1', 'RWA', 10, '300.00', '0.00'),
        claim('N1', 'NPL', 200, '500.00', '200.00'),
        claim('I1', 'IND', 100, '400.00', '0.00'),
        claim('I2', 'IND', 5, '100.00', '50.00'),
      ],
      [
        { contributor: 'NPL', paidUsd: '200.00' },
        { contributor: 'IND', paidUsd: '50.00' },
      ],
    );
    const none = { credits: '0.00' };
    expect(report).toEqual({
      asOf: '2019-03-31',
      currency: 'USD',
      certified: '1300.00',
      paid: '250.00',
      outstanding: '1050.00',
      ...none,
      owed: '1050.00',
      certifiedByCategory: {},
      contributors: [
        {
          contributor: 'IND',
          certified: '500.00',
          paid: '50.00',
          outstanding: '450.00',
          ...none,
          owed: '450.00',
          aging: { '0-90': '50.00', '91-180': '400.00', '181-365': '0.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
        {
          contributor: 'NPL',
          certified: '500.00',
          paid: '200.00',
          outstanding: '300.00',
          ...none,
          owed: '300.00',
          aging: { '0-90': '0.00', '91-180': '0.00', '181-365': '300.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
        {
          contributor: 'RWA',
          certified: '300.00',
          paid: '0.00',
          outstanding: '300.00',
          ...none,
          owed: '300.00',
          aging: { '0-90': '300.00', '91-180': '0.00', '181-365': '0.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
      ],
    });
  });

  it('offsets a credit against the same mission’s later payable, as the payment run does', () =>
    // C1 100.00 certified and paid, C1/ADJ1 −20.00 certified, C2 50.00 certified:
    // certified 100.00 − 20.00 + 50.00 = 130.00, paid 100.00, outstanding 30.00;
    // owed on C2 50.00 − 20.00 = 30.00 (aged as C2, 10 days), no credit left
    expect(
      payablesReport(
        '2019-03-31',
        [
          claim('C1', 'BGD', 60, '100.00', '100.00'),
          claim('C1/ADJ1', 'BGD', 30, '-20.00', '0.00'),
          claim('C2', 'BGD', 10, '50.00', '0.00'),
        ],
        [{ contributor: 'BGD', paidUsd: '100.00' }],
      ).contributors,
    ).toEqual([
      {
        contributor: 'BGD',
        certified: '130.00',
        paid: '100.00',
        outstanding: '30.00',
        credits: '0.00',
        owed: '30.00',
        aging: { '0-90': '30.00', '91-180': '0.00', '181-365': '0.00', 'over-365': '0.00' },
        certifiedByCategory: {},
      },
    ]));

  it('keeps a credit of one mission out of another mission’s payables', () =>
    // MINUSMA: −20.00 credit with nothing to absorb it; UNMISS: 50.00 owed in full.
    // outstanding = 30.00 − 0.00 = 30.00 (certified − paid), owed 50.00, credits 20.00: 50.00 − 20.00 = 30.00
    expect(
      payablesReport(
        '2019-03-31',
        [claim('C1/ADJ1', 'BGD', 30, '-20.00', '0.00'), claim('U1', 'BGD', 10, '50.00', '0.00', 'UNMISS')],
        [],
      ).contributors[0],
    ).toMatchObject({
      certified: '30.00',
      paid: '0.00',
      outstanding: '30.00',
      credits: '20.00',
      owed: '50.00',
    }));

  it('is empty when nothing was certified', () =>
    expect(payablesReport('2019-03-31', [], [])).toEqual({
      asOf: '2019-03-31',
      currency: 'USD',
      certified: '0.00',
      paid: '0.00',
      outstanding: '0.00',
      credits: '0.00',
      owed: '0.00',
      certifiedByCategory: {},
      contributors: [],
    }));

  it('splits what was certified by category, per contributor and in total', () => {
    const balance = (contributor: string, claimRef: string, amountUsd: string) => ({
      ...{ claimId: claimRef, claimRef, mission: 'MINUSMA', contributor, category: 'personnel' },
      ...{ period: '2019-02', certifiedOn: '2019-03-21', ageDays: 10, amountUsd },
      ...{ settledUsd: '0.00', outstandingUsd: amountUsd },
    });
    const report = payablesReport(
      '2019-03-31',
      [balance('IND', 'I1', '1000.10'), balance('RWA', 'R1', '300.00')],
      [],
      [
        { contributor: 'IND', category: 'self_sustainment', certifiedUsd: '100.05' },
        { contributor: 'IND', category: 'personnel', certifiedUsd: '800.00' },
        { contributor: 'IND', category: 'major_equipment', certifiedUsd: '100.05' },
        { contributor: 'RWA', category: 'personnel', certifiedUsd: '300.00' },
      ],
    );
    // personnel 800.00 + 300.00 = 1,100.00; each contributor's split adds up to its certified amount
    expect(report.certifiedByCategory).toEqual({
      personnel: '1100.00',
      major_equipment: '100.05',
      self_sustainment: '100.05',
    });
    expect(report.contributors.map((c) => [c.contributor, c.certifiedByCategory])).toEqual([
      ['IND', { personnel: '800.00', major_equipment: '100.05', self_sustainment: '100.05' }],
      ['RWA', { personnel: '300.00' }],
    ]);
  });
});

// Random claims, credits and what payments settled: the report's row and a statement's split agree.
describe('every payables report', () => {
  const claims = fc
    .array(
      fc.record({
        mission: fc.constantFrom('MINUSMA', 'UNMISS'),
        contributor: fc.constantFrom('BGD', 'RWA'),
        ageDays: fc.integer({ min: 0, max: 500 }),
        amount: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000_00 }) },
          { weight: 1, arbitrary: fc.integer({ min: -50_000_00, max: -1 }) },
        ),
        settledShare: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 30 },
    )
    .map((list) =>
      list.map((c, i): ClaimBalance => {
        const amount = new Decimal(c.amount).dividedBy(100);
        const settled = amount.isNegative()
          ? new Decimal(0)
          : amount.times(c.settledShare).dividedBy(100).toDecimalPlaces(2);
        return {
          ...claim(
            `R${String(i).padStart(3, '0')}`,
            c.contributor,
            c.ageDays,
            amount.toFixed(2),
            settled.toFixed(2),
            c.mission,
          ),
          category: i % 2 ? 'personnel' : 'major_equipment',
        };
      }),
    );

  it('owes what certified less paid says once credits are set apart, and a statement’s split adds up to the row', () =>
    fc.assert(
      fc.property(claims, (list) => {
        const paid = ['BGD', 'RWA'].map((contributor) => ({
          contributor,
          paidUsd: list
            .filter((c) => c.contributor === contributor)
            .reduce((sum, c) => sum.plus(c.settledUsd), new Decimal(0))
            .toFixed(2),
        }));
        const report = payablesReport('2019-03-31', list, paid);
        for (const row of report.contributors) {
          const d = (v: string) => new Decimal(v);
          expect(d(row.outstanding).toFixed(2)).toBe(d(row.certified).minus(row.paid).toFixed(2));
          expect(d(row.owed).minus(row.credits).toFixed(2)).toBe(row.outstanding);
          const aged = Object.values(row.aging).reduce((sum, v) => sum.plus(v), new Decimal(0));
          expect(aged.toFixed(2)).toBe(row.owed);
          // the statement's split by mission, by the same functions
          const { claims: owed, credits } = owedClaims(list.filter((c) => c.contributor === row.contributor));
          const byMission = ['MINUSMA', 'UNMISS'].map((mission) =>
            figuresOf(
              owed.filter((c) => c.mission === mission),
              credits.filter((c) => c.mission === mission),
              owed
                .filter((c) => c.mission === mission)
                .reduce((sum, c) => sum.plus(c.settledUsd), new Decimal(0)),
            ),
          );
          for (const field of ['certified', 'paid', 'outstanding', 'credits', 'owed'] as const)
            expect([
              field,
              byMission.reduce((sum, m) => sum.plus(m[field]), new Decimal(0)).toFixed(2),
            ]).toEqual([field, row[field]]);
        }
      }),
      { numRuns: 200 },
    ));
});
