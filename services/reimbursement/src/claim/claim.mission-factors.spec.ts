import { rateTables, report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { InForce } from '../rate-table/rate-table.in-force';
import { calculateClaim } from './claim.calculation';

const amounts = (calculation: ReturnType<typeof calculateClaim>) =>
  Object.fromEntries(calculation.lines.map((l) => [l.key, l.amountUsd]));

const caps: InForce<'mission-factor-caps'> = {
  tableId: 'mission-factor-caps',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: {
    kind: 'mission-factor-caps',
    extremeEnvironmentPct: '5.00',
    intensifiedOperationalConditionPct: '5.00',
    hostileActionPct: '5.00',
  },
};
const rule = (
  values: { appliesToSelfSustainment?: boolean } = {},
): InForce<'incremental-transport-rule'> => ({
  tableId: 'incremental-transport-rule',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: {
    kind: 'incremental-transport-rule',
    pctPerStep: '0.25',
    stepKm: 800,
    freeKm: 800,
    appliesToMajorEquipment: true,
    appliesToSelfSustainment: values.appliesToSelfSustainment ?? true,
  },
});
const transport = (values: { distanceKm?: number; pct?: string }): InForce<'incremental-transport'> => ({
  tableId: 'incremental-transport-mou-1',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: {
    kind: 'incremental-transport',
    mouId: 'mou-1',
    distanceKm: values.distanceKm ?? null,
    pct: values.pct ?? null,
  },
});

// The fixture's MOU: APCs 10 × 9,000.00, trucks 20 × 1,234.56, catering 28.43; strength 800; factors 1+1+1 %.
describe('mission factors', () => {
  describe('given an MOU whose extreme-environment factor (5.01 %) exceeds the 5 % cap in force', () => {
    const mou = terms({
      missionFactors: {
        extremeEnvironmentPct: '5.01',
        intensifiedOperationalConditionPct: '1.00',
        hostileActionPct: '1.00',
      },
    });
    const claim = calculateClaim(mou, report(), seededRates({ missionFactorCaps: caps }));

    it('pays it at the cap: F = 1 + (5.00 + 1 + 1) ÷ 100 = 1.07', () =>
      expect(amounts(claim)).toMatchObject({
        'equipment:L1': '96300.00', // 10 × 9,000.00 × 1.07
        'self-sustainment:catering': '24336.08', // 800 × 28.43 × 1.07 = 22,744 × 1.07
      }));

    it('says so on the line and names the cap table', () => {
      const line = claim.lines.find((l) => l.key === 'equipment:L1')!;
      expect(line.factor).toBe('1.07');
      expect(line.description).toContain('paid at the cap: extremeEnvironmentPct');
      expect(line.sources.rateTables).toEqual([{ tableId: 'mission-factor-caps', version: 1 }]);
    });

    it('would pay 5.01 % with no cap in force: 10 × 9,000.00 × 1.0701 = 96,309.00', () =>
      expect(amounts(calculateClaim(mou, report(), seededRates()))['equipment:L1']).toBe('96309.00'));
  });

  it('leaves factors under the cap as they are (the worked example: F = 1.03)', () =>
    expect(
      amounts(calculateClaim(terms(), report(), seededRates({ missionFactorCaps: caps })))['equipment:L1'],
    ).toBe('92700.00'));

  it('caps a mission table too (2.60 + 3.00 + 4.10 = 9.70 %, each under 5 %: unchanged)', () =>
    expect(
      amounts(
        calculateClaim(
          terms(),
          report(),
          seededRates({ missionFactors: rateTables.missionFactorsMinusma, missionFactorCaps: caps }),
        ),
      )['equipment:L1'],
    ).toBe('98730.00')); // 10 × 9,000.00 × 1.097

  describe('the incremental transportation factor of one MOU', () => {
    it('adds 0.25 % per whole 800 km beyond the first 800 km: 2,500 km → 2 steps → 0.50 %', () =>
      expect(
        amounts(
          calculateClaim(
            terms(),
            report(),
            seededRates({
              incrementalTransport: transport({ distanceKm: 2500 }),
              incrementalTransportRule: rule(),
            }),
          ),
        ),
      ).toMatchObject({
        personnel: '1142400.00', // never raised by factors
        'equipment:L1': '93150.00', // 10 × 9,000.00 × 1.035
        'self-sustainment:catering': '23540.04', // 22,744 × 1.035 = 22,744 + 796.04
      }));

    it('raises only the components its rule names', () =>
      expect(
        amounts(
          calculateClaim(
            terms(),
            report(),
            seededRates({
              incrementalTransport: transport({ distanceKm: 2500 }),
              incrementalTransportRule: rule({ appliesToSelfSustainment: false }),
            }),
          ),
        ),
      ).toMatchObject({ 'equipment:L1': '93150.00', 'self-sustainment:catering': '23426.32' })); // 22,744 × 1.03

    it('adds nothing within the first step beyond 800 km (1,599 km)', () =>
      expect(
        amounts(
          calculateClaim(
            terms(),
            report(),
            seededRates({
              incrementalTransport: transport({ distanceKm: 1599 }),
              incrementalTransportRule: rule(),
            }),
          ),
        )['equipment:L1'],
      ).toBe('92700.00'));

    it('takes a percentage set for the MOU as it is: 0.75 % → F = 1.0375', () => {
      const claim = calculateClaim(
        terms(),
        report(),
        seededRates({ incrementalTransport: transport({ pct: '0.75' }) }),
      );
      expect(amounts(claim)['equipment:L1']).toBe('93375.00'); // 90,000 × 1.0375
      expect(claim.lines[1]!.sources.rateTables).toEqual([
        { tableId: 'incremental-transport-mou-1', version: 1 },
      ]);
    });

    it('refuses a distance with no rule in force', () =>
      expect(() =>
        calculateClaim(
          terms(),
          report(),
          seededRates({ incrementalTransport: transport({ distanceKm: 2500 }) }),
        ),
      ).toThrow(expect.objectContaining({ code: 'RATE_NOT_IN_FORCE' })));
  });
});
