import type { MouTerms } from '../src/mou-terms/mou-terms';
import type { ClaimRates } from '../src/claim/claim.calculation';
import type { RateTableKind, RateTableValues } from '../src/rate-table/rate-table.events';
import type { InForce } from '../src/rate-table/rate-table.in-force';
import type { VerificationReport } from '../src/verification/verification.events';

// Test data shared by the unit specs: one MINUSMA unit with two annex B lines and three annex C categories.

export const terms = (overrides: Partial<MouTerms> = {}): MouTerms => ({
  mouId: 'mou-1',
  mouRef: 'DOS/MINUSMA/BGD/03',
  mission: 'MINUSMA',
  contributor: 'BGD',
  annexVersion: 2,
  effectiveOn: '2018-11-01',
  personnelCeiling: 850,
  annexB: [
    {
      lineId: 'L1',
      category: 'armoured-personnel-carrier',
      item: 'apc-wheeled',
      quantity: 10,
      lease: 'wet',
      monthlyRateUsd: '9000.00',
    },
    {
      lineId: 'L2',
      category: 'support-vehicle-military',
      item: 'truck-utility',
      quantity: 20,
      lease: 'wet',
      monthlyRateUsd: '1234.56',
    },
  ],
  annexC: [
    { category: 'catering', ratePerPersonUsd: '28.43' },
    { category: 'communications', ratePerPersonUsd: '33.00' },
    { category: 'medical-level-1', ratePerPersonUsd: '20.90' },
  ],
  missionFactors: {
    extremeEnvironmentPct: '1.00',
    intensifiedOperationalConditionPct: '1.00',
    hostileActionPct: '1.00',
  },
  ...overrides,
});

export const report = (overrides: Partial<VerificationReport> = {}): VerificationReport => ({
  mouId: 'mou-1',
  mouRef: 'DOS/MINUSMA/BGD/03',
  mission: 'MINUSMA',
  contributor: 'BGD',
  period: '2019-04',
  reportedOn: '2019-05-03',
  version: 1,
  strength: 800,
  daysServed: null,
  equipment: [
    { lineId: 'L1', presentAndServiceable: 10 },
    { lineId: 'L2', presentAndServiceable: 20 },
  ],
  selfSustainment: [
    { category: 'catering', providedToStandard: true },
    { category: 'communications', providedToStandard: true },
    { category: 'medical-level-1', providedToStandard: true },
  ],
  ...overrides,
});

const inForce = <K extends RateTableKind>(
  tableId: string,
  version: number,
  values: Extract<RateTableValues, { kind: K }>,
): InForce<K> => ({ tableId, version, effectiveFrom: '2014-07-01', values });

/** Only the shipped initial data: personnel 1,428.00, threshold 10%, calendar-day part months. */
export const seededRates = (overrides: Partial<ClaimRates> = {}): ClaimRates => ({
  personnel: inForce('personnel', 4, { kind: 'personnel', ratePerPersonMonthUsd: '1428.00' }),
  majorEquipment: null,
  selfSustainment: null,
  missionFactors: null,
  deductionThreshold: inForce('deduction-threshold', 1, {
    kind: 'deduction-threshold',
    thresholdPct: '10.00',
  }),
  partMonth: inForce('part-month', 1, { kind: 'part-month', rule: 'calendar-days' }),
  ...overrides,
});

export const rateTables = {
  majorEquipment: inForce('major-equipment', 1, {
    kind: 'major-equipment',
    items: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', lease: 'wet', monthlyRateUsd: '9500.00' }],
  }),
  selfSustainment: inForce('self-sustainment', 1, {
    kind: 'self-sustainment',
    categories: [{ category: 'catering', ratePerPersonMonthUsd: '30.12' }],
  }),
  missionFactorsMinusma: inForce('mission-factors-MINUSMA', 3, {
    kind: 'mission-factors',
    mission: 'MINUSMA',
    extremeEnvironmentPct: '2.60',
    intensifiedOperationalConditionPct: '3.00',
    hostileActionPct: '4.10',
  }),
  thirtyDayMonth: inForce('part-month', 2, { kind: 'part-month', rule: 'thirty-day-month' }),
};

/** A certified claim as its contract publishes it: the stored event adds who certified it and its origin. */
export const certifiedClaim = {
  claimId: 'c1',
  claimRef: 'MINUSMA/BGD/2019-04/C1',
  mission: 'MINUSMA',
  contributor: 'BGD',
  category: 'personnel',
  period: '2019-04',
  amountUsd: '142800.00',
  certifiedOn: '2019-05-10',
};
