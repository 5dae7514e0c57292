import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { InForce } from '../rate-table/rate-table.in-force';
import { calculateClaim } from './claim.calculation';

const partial = (paidPct: string): InForce<'self-sustainment-partial'> => ({
  tableId: 'self-sustainment-partial',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: { kind: 'self-sustainment-partial', paidPct },
});

const month = report({
  selfSustainment: [
    { category: 'catering', providedToStandard: false, provision: 'partial' },
    { category: 'communications', providedToStandard: true, provision: 'full' },
    { category: 'medical-level-1', providedToStandard: false, provision: 'none' },
  ],
});

describe('self-sustainment provided in part', () => {
  it('pays the share the rule in force sets; in full the whole rate; not provided nil', () => {
    const claim = calculateClaim(terms(), month, seededRates({ selfSustainmentPartial: partial('50.00') }));
    const lines = Object.fromEntries(claim.lines.map((l) => [l.key, l]));
    expect(lines['self-sustainment:catering']).toMatchObject({
      amountUsd: '11713.16', // 800 × 28.43 × 50 % × 1.03 = 11,372.00 × 1.03
      quantity: '800',
      share: '0.5',
      description: 'Self-sustainment: catering (provided in part: 50.00% paid)',
      sources: { rateTables: [{ tableId: 'self-sustainment-partial', version: 1 }] },
    });
    expect(lines['self-sustainment:communications']!.amountUsd).toBe('27192.00'); // 800 × 33.00 × 1.03
    expect(lines['self-sustainment:medical-level-1']!.amountUsd).toBe('0.00');
  });

  it('follows the rule: 75 % → 800 × 28.43 × 0.75 × 1.03 = 17,569.74', () =>
    expect(
      calculateClaim(terms(), month, seededRates({ selfSustainmentPartial: partial('75.00') })).lines.find(
        (l) => l.key === 'self-sustainment:catering',
      )!.amountUsd,
    ).toBe('17569.74')); // 17,058.00 × 1.03 = 17,569.74

  it('refuses a month a partial provision is reported for and no rule covers', () =>
    expect(() => calculateClaim(terms(), month, seededRates())).toThrow(
      expect.objectContaining({ code: 'RATE_NOT_IN_FORCE' }),
    ));

  it('reads a report from before partial provision existed by providedToStandard alone', () =>
    expect(
      calculateClaim(terms(), report(), seededRates()).lines.find(
        (l) => l.key === 'self-sustainment:catering',
      )!.amountUsd,
    ).toBe('23426.32')); // 800 × 28.43 × 1.03
});
