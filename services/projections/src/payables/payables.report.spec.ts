import { agingBucket, agingOf } from './payables.aging';
import { payablesReport } from './payables.report';

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
        { contributor: 'RWA', ageDays: 10, certifiedUsd: '300.00', outstandingUsd: '300.00' },
        { contributor: 'NPL', ageDays: 200, certifiedUsd: '500.00', outstandingUsd: '300.00' },
        { contributor: 'IND', ageDays: 100, certifiedUsd: '400.00', outstandingUsd: '400.00' },
        { contributor: 'IND', ageDays: 5, certifiedUsd: '100.00', outstandingUsd: '50.00' },
      ],
      [
        { contributor: 'NPL', paidUsd: '200.00' },
        { contributor: 'IND', paidUsd: '50.00' },
      ],
    );
    expect(report).toEqual({
      asOf: '2019-03-31',
      currency: 'USD',
      certified: '1300.00',
      paid: '250.00',
      outstanding: '1050.00',
      certifiedByCategory: {},
      contributors: [
        {
          contributor: 'IND',
          certified: '500.00',
          paid: '50.00',
          outstanding: '450.00',
          aging: { '0-90': '50.00', '91-180': '400.00', '181-365': '0.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
        {
          contributor: 'NPL',
          certified: '500.00',
          paid: '200.00',
          outstanding: '300.00',
          aging: { '0-90': '0.00', '91-180': '0.00', '181-365': '300.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
        {
          contributor: 'RWA',
          certified: '300.00',
          paid: '0.00',
          outstanding: '300.00',
          aging: { '0-90': '300.00', '91-180': '0.00', '181-365': '0.00', 'over-365': '0.00' },
          certifiedByCategory: {},
        },
      ],
    });
  });

  it('is empty when nothing was certified', () =>
    expect(payablesReport('2019-03-31', [], [])).toEqual({
      asOf: '2019-03-31',
      currency: 'USD',
      certified: '0.00',
      paid: '0.00',
      outstanding: '0.00',
      certifiedByCategory: {},
      contributors: [],
    }));

  it('splits what was certified by category, per contributor and in total', () => {
    const report = payablesReport(
      '2019-03-31',
      [
        { contributor: 'IND', ageDays: 10, certifiedUsd: '1000.10', outstandingUsd: '1000.10' },
        { contributor: 'RWA', ageDays: 10, certifiedUsd: '300.00', outstandingUsd: '300.00' },
      ],
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
