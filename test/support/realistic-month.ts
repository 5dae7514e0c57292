// A realistic month for the monthly claims run: April 2019 (30 days) of 20 units in MINUSMA and UNMISS,
// loaded through the public routes of force generation, mou-negotiation and reimbursement, with every
// claim line's amount worked out by hand from the rules (services/reimbursement/README.md).
//
// Rules in force for April 2019 (seeded unless said): personnel 1,428.00 per person per month; part months
// by calendar days (April: basis 30, deployment and repatriation days both served); 67/261 threshold 10 %
// of the MOU requirement by value, the whole shortfall deducted from the exact personnel amount; exempt:
// unserviceable dry-lease items, hostile-action losses; self-sustainment provided in part pays the
// `self-sustainment-partial` table's 62.50 % (issued below); mission factors from the MOU, each under the
// 5 % cap. Personnel counts each day's strength against that day's ceiling; self-sustainment is paid for
// the same persons: person-days ÷ 30 when strength or ceiling changes within the month, else
// n = min(strength, ceiling) × the month's fraction (claim.calculation.ts).
import type { MissionFactors } from '@coe/contracts';

export const MONTH = '2019-04';
export const PREPARED_ON = '2019-05-10';
export const CERTIFIED_ON = '2019-05-20';

type AnnexB = {
  lineId: string;
  category: string;
  item: string;
  quantity: number;
  lease: 'wet' | 'dry';
  monthlyRateUsd: string;
};
type Terms = {
  personnelCeiling: number;
  annexB: AnnexB[];
  annexC: { category: string; ratePerPersonUsd: string }[];
  missionFactors: MissionFactors;
};

// MINUSMA infantry battalion. Mission factors 2.00 + 1.50 + 1.00 = 4.5 %: F = 1.045.
// Required value (67/261) = 10 × 9,000 + 20 × 1,200 + 10 × 500 = 90,000 + 24,000 + 5,000 = 119,000.
// Whole-month lines: APCs 10 × 9,000 × 1.045 = 94,050.00; trucks 20 × 1,200 × 1.045 = 25,080.00;
// generators 10 × 500 × 1.045 = 5,225.00 (equipment 124,355.00); per person: catering 28 × 1.045 = 29.26,
// communications 33 × 1.045 = 34.485.
const MINUSMA_BATTALION: Terms = {
  personnelCeiling: 850,
  annexB: [
    {
      lineId: 'B001',
      category: 'armoured-personnel-carrier',
      item: 'apc-wheeled',
      quantity: 10,
      lease: 'wet',
      monthlyRateUsd: '9000.00',
    },
    {
      lineId: 'B002',
      category: 'support-vehicle-military',
      item: 'truck-utility',
      quantity: 20,
      lease: 'wet',
      monthlyRateUsd: '1200.00',
    },
    {
      lineId: 'B003',
      category: 'electrical',
      item: 'generator-60-kva',
      quantity: 10,
      lease: 'dry',
      monthlyRateUsd: '500.00',
    },
  ],
  annexC: [
    { category: 'catering', ratePerPersonUsd: '28.00' },
    { category: 'communications', ratePerPersonUsd: '33.00' },
  ],
  missionFactors: {
    extremeEnvironmentPct: '2.00',
    intensifiedOperationalConditionPct: '1.50',
    hostileActionPct: '1.00',
  },
};

// UNMISS engineering company. Mission factors 1.00 + 1.00 + 0.50 = 2.5 %: F = 1.025.
// Required value = 4 × 2,950 + 10 × 1,100 = 11,800 + 11,000 = 22,800.
// Whole-month lines: excavators 11,800 × 1.025 = 12,095.00; trucks 11,000 × 1.025 = 11,275.00
// (equipment 23,370.00); per person: catering 28 × 1.025 = 28.70, medical 12.30 × 1.025 = 12.6075.
const UNMISS_ENGINEERS: Terms = {
  personnelCeiling: 280,
  annexB: [
    {
      lineId: 'B001',
      category: 'engineering',
      item: 'excavator-medium',
      quantity: 4,
      lease: 'wet',
      monthlyRateUsd: '2950.00',
    },
    {
      lineId: 'B002',
      category: 'support-vehicle-military',
      item: 'truck-cargo-5t',
      quantity: 10,
      lease: 'dry',
      monthlyRateUsd: '1100.00',
    },
  ],
  annexC: [
    { category: 'catering', ratePerPersonUsd: '28.00' },
    { category: 'medical-level-1', ratePerPersonUsd: '12.30' },
  ],
  missionFactors: {
    extremeEnvironmentPct: '1.00',
    intensifiedOperationalConditionPct: '1.00',
    hostileActionPct: '0.50',
  },
};

/** A unit of the month as force generation and mou-negotiation record it. */
export type MonthUnit = {
  key: string;
  mission: 'MINUSMA' | 'UNMISS';
  contributor: string;
  unitType: 'INF' | 'ENG';
  terms: Terms;
  deployedOn: string;
  rotatedOn?: string;
  repatriatedOn?: string;
  /** Both parties sign on this day (the MOU comes into force); null: still under negotiation. */
  signedOn: string | null;
  /** A personnel amendment, signed by both, changing the ceiling from its effective day. */
  amendment?: { effectiveOn: string; signedOn: string; personnelCeiling: number };
};

const minusma = (key: string, contributor: string, unit: Partial<MonthUnit>): MonthUnit => ({
  key,
  mission: 'MINUSMA',
  contributor,
  unitType: 'INF',
  terms: MINUSMA_BATTALION,
  deployedOn: '2019-01-10',
  signedOn: '2019-02-20',
  ...unit,
});

const unmiss = (key: string, contributor: string, unit: Partial<MonthUnit>): MonthUnit => ({
  key,
  mission: 'UNMISS',
  contributor,
  unitType: 'ENG',
  terms: UNMISS_ENGINEERS,
  deployedOn: '2018-11-01',
  signedOn: '2018-12-01',
  ...unit,
});

export const UNITS: MonthUnit[] = [
  minusma('M01', 'BGD', {}),
  minusma('M02', 'NPL', {}),
  minusma('M03', 'SEN', { deployedOn: '2018-04-20', signedOn: '2018-09-01', rotatedOn: '2019-04-11' }),
  minusma('M04', 'TGO', { deployedOn: '2019-04-16', signedOn: '2019-05-06' }),
  minusma('M05', 'EGY', { deployedOn: '2018-03-01', signedOn: '2018-06-01', repatriatedOn: '2019-04-10' }),
  minusma('M06', 'PAK', {}),
  minusma('M07', 'RWA', {}),
  minusma('M08', 'KHM', {}),
  minusma('M09', 'GHA', {
    deployedOn: '2019-01-05',
    signedOn: '2019-01-20',
    amendment: { effectiveOn: '2019-04-16', signedOn: '2019-04-04', personnelCeiling: 700 },
  }),
  minusma('M10', 'BGD', { deployedOn: '2019-02-01', signedOn: '2019-03-01' }),
  minusma('M11', 'NPL', { deployedOn: '2019-03-15', signedOn: null }),
  minusma('M12', 'JOR', {}),
  unmiss('U01', 'IND', {}),
  unmiss('U02', 'CHN', {}),
  unmiss('U03', 'MNG', { deployedOn: '2019-04-21', signedOn: '2019-04-25' }),
  unmiss('U04', 'ETH', { deployedOn: '2018-04-01', signedOn: '2018-05-01', rotatedOn: '2019-04-15' }),
  unmiss('U05', 'NPL', {}),
  unmiss('U06', 'BGD', { deployedOn: '2018-02-01', signedOn: '2018-03-01', repatriatedOn: '2019-04-05' }),
  unmiss('U07', 'PAK', {}),
  unmiss('U08', 'THA', {}),
];

/** The hostile-action incident in which M06 lost a generator (recorded before the report cites it). */
export const M06_INCIDENT = {
  incidentRef: 'MINUSMA/2019/031',
  cause: 'hostile-action',
  occurredOn: '2019-04-07',
  recordedOn: '2019-04-09',
  items: [{ lineId: 'B003', quantity: 1, gfmvEachUsd: '30000.00' }],
} as const;

/** The partial self-sustainment rule issued for the month. */
export const SELF_SUSTAINMENT_PARTIAL = {
  effectiveFrom: '2019-01-01',
  issuedOn: '2019-03-01',
  paidPct: '62.50',
};

const all = (terms: Terms, except: Record<string, object> = {}) =>
  terms.annexB.map((l) => ({ lineId: l.lineId, presentAndServiceable: l.quantity, ...except[l.lineId] }));
const provided = (terms: Terms, except: Record<string, object> = {}) =>
  terms.annexC.map((c) => ({ category: c.category, providedToStandard: true, ...except[c.category] }));

const REPORTED_ON = '2019-05-03';

/**
 * The month's verification reports, as the missions send them: ONE array of report bodies (the unit's key
 * stands for its mouId until the MOU is known). M10 sent none; M11's MOU is not in force.
 */
export const MONTH_REPORTS: { unit: string; body: Record<string, unknown> }[] = [
  {
    unit: 'M01',
    body: { strength: 800, equipment: all(MINUSMA_BATTALION), selfSustainment: provided(MINUSMA_BATTALION) },
  },
  {
    unit: 'M02',
    body: { strength: 912, equipment: all(MINUSMA_BATTALION), selfSustainment: provided(MINUSMA_BATTALION) },
  },
  {
    unit: 'M03',
    body: {
      strength: 700,
      strengthByDay: [
        { fromDay: 1, toDay: 10, strength: 850 },
        { fromDay: 11, toDay: 15, strength: 950 },
      ],
      equipment: all(MINUSMA_BATTALION),
      selfSustainment: provided(MINUSMA_BATTALION),
    },
  },
  {
    unit: 'M04',
    body: { strength: 800, equipment: all(MINUSMA_BATTALION), selfSustainment: provided(MINUSMA_BATTALION) },
  },
  {
    unit: 'M05',
    body: { strength: 790, equipment: all(MINUSMA_BATTALION), selfSustainment: provided(MINUSMA_BATTALION) },
  },
  {
    unit: 'M06',
    body: {
      strength: 800,
      equipment: all(MINUSMA_BATTALION, {
        B001: { presentAndServiceable: 7, absent: 3 },
        B003: {
          presentAndServiceable: 5,
          presentUnserviceable: 4,
          absent: 1,
          lostThroughHostileAction: { count: 1, incidentId: M06_INCIDENT.incidentRef },
        },
      }),
      selfSustainment: provided(MINUSMA_BATTALION),
    },
  },
  {
    unit: 'M07',
    body: {
      strength: 640,
      equipment: all(MINUSMA_BATTALION, { B001: { presentAndServiceable: 9, absent: 1 } }),
      selfSustainment: provided(MINUSMA_BATTALION),
    },
  },
  {
    unit: 'M08',
    body: {
      strength: 800,
      equipment: all(MINUSMA_BATTALION),
      selfSustainment: [
        { category: 'catering', provision: 'partial' },
        { category: 'communications', provision: 'none' },
      ],
    },
  },
  {
    unit: 'M09',
    body: { strength: 800, equipment: all(MINUSMA_BATTALION), selfSustainment: provided(MINUSMA_BATTALION) },
  },
  {
    unit: 'M12',
    body: {
      strength: 850,
      equipment: all(MINUSMA_BATTALION, { B002: { presentAndServiceable: 18 } }),
      selfSustainment: provided(MINUSMA_BATTALION, { communications: { providedToStandard: false } }),
    },
  },
  {
    unit: 'U01',
    body: { strength: 275, equipment: all(UNMISS_ENGINEERS), selfSustainment: provided(UNMISS_ENGINEERS) },
  },
  {
    unit: 'U02',
    body: { strength: 300, equipment: all(UNMISS_ENGINEERS), selfSustainment: provided(UNMISS_ENGINEERS) },
  },
  {
    unit: 'U03',
    body: { strength: 270, equipment: all(UNMISS_ENGINEERS), selfSustainment: provided(UNMISS_ENGINEERS) },
  },
  {
    unit: 'U04',
    body: {
      strength: 260,
      strengthByDay: [
        { fromDay: 1, toDay: 14, strength: 280 },
        { fromDay: 15, toDay: 20, strength: 140 },
      ],
      equipment: all(UNMISS_ENGINEERS),
      selfSustainment: provided(UNMISS_ENGINEERS),
    },
  },
  {
    unit: 'U05',
    body: {
      strength: 275,
      equipment: all(UNMISS_ENGINEERS, { B001: { presentAndServiceable: 3, absent: 1 } }),
      selfSustainment: provided(UNMISS_ENGINEERS),
    },
  },
  {
    unit: 'U06',
    body: { strength: 280, equipment: all(UNMISS_ENGINEERS), selfSustainment: provided(UNMISS_ENGINEERS) },
  },
  {
    unit: 'U07',
    body: {
      strength: 250,
      equipment: all(UNMISS_ENGINEERS),
      selfSustainment: provided(UNMISS_ENGINEERS, {
        catering: { providedToStandard: undefined, provision: 'partial' },
      }),
    },
  },
  {
    unit: 'U08',
    body: {
      strength: 240,
      equipment: all(UNMISS_ENGINEERS, {
        B002: { presentAndServiceable: 6, presentUnserviceable: 3, absent: 1 },
      }),
      selfSustainment: provided(UNMISS_ENGINEERS),
    },
  },
].map(({ unit, body }) => ({ unit, body: { period: MONTH, reportedOn: REPORTED_ON, ...body } }));

/** An expected claim: every line as [key, amountUsd], in the claim's order, and the claim's total. */
export type ExpectedClaim = {
  lines: [string, string][];
  amountUsd: string;
  /** The personnel line's service days, for a part month: they follow from the movements. */
  serviceDays?: { source: 'movements'; days: number; basis: number; reason: null };
};

const P = 'personnel';
const [APC, TRK, GEN] = ['equipment:B001', 'equipment:B002', 'equipment:B003'];
const [CAT, COM] = ['self-sustainment:catering', 'self-sustainment:communications'];
const [EXC, CGO, MED] = ['equipment:B001', 'equipment:B002', 'self-sustainment:medical-level-1'];
const DED = 'deduction-67-261';

export const EXPECTED_CLAIMS: Record<string, ExpectedClaim> = {
  // 800 ≤ 850: 800 × 1,428 = 1,142,400.00; catering 800 × 29.26 = 23,408.00; comms 800 × 34.485 = 27,588.00
  // 1,142,400 + 124,355 + 23,408 + 27,588 = 1,317,751.00
  M01: {
    lines: [
      [P, '1142400.00'],
      [APC, '94050.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '23408.00'],
      [COM, '27588.00'],
    ],
    amountUsd: '1317751.00',
  },
  // 912 above the ceiling: 850 × 1,428 = 1,213,800.00; catering 850 × 29.26 = 24,871.00;
  // comms 850 × 34.485 = 29,312.25; 1,213,800 + 124,355 + 24,871 + 29,312.25 = 1,392,338.25
  M02: {
    lines: [
      [P, '1213800.00'],
      [APC, '94050.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '24871.00'],
      [COM, '29312.25'],
    ],
    amountUsd: '1392338.25',
  },
  // rotation (recorded in force generation on the 11th; the unit stays): 850 × 10 + min(950, 850) × 5 +
  // 700 × 15 = 8,500 + 4,250 + 10,500 = 23,250 person-days × 1,428 ÷ 30 = 33,201,000 ÷ 30 = 1,106,700.00;
  // self-sustainment on the same 23,250 person-days ÷ 30 = 775 persons: catering 28 × 775 × 1.045 =
  // 21,700 × 1.045 = 22,676.50; comms 33 × 775 × 1.045 = 25,575 × 1.045 = 26,725.875 → 26,725.88;
  // 1,106,700 + 124,355 + 22,676.50 + 26,725.88 = 1,280,457.38
  M03: {
    lines: [
      [P, '1106700.00'],
      [APC, '94050.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '22676.50'],
      [COM, '26725.88'],
    ],
    amountUsd: '1280457.38',
  },
  // deployed on the 16th: days 16–30 = 15 ÷ 30; 800 × 1,428 × 15 ÷ 30 = 571,200.00; APCs 94,050 ÷ 2 =
  // 47,025.00; trucks 12,540.00; generators 2,612.50; catering 23,408 ÷ 2 = 11,704.00; comms 27,588 ÷ 2 =
  // 13,794.00; 571,200 + 47,025 + 12,540 + 2,612.50 + 11,704 + 13,794 = 658,875.50
  M04: {
    lines: [
      [P, '571200.00'],
      [APC, '47025.00'],
      [TRK, '12540.00'],
      [GEN, '2612.50'],
      [CAT, '11704.00'],
      [COM, '13794.00'],
    ],
    amountUsd: '658875.50',
    serviceDays: { source: 'movements', days: 15, basis: 30, reason: null },
  },
  // repatriated on the 10th: days 1–10 = 10 ÷ 30; 790 × 1,428 ÷ 3 = 1,128,120 ÷ 3 = 376,040.00; APCs
  // 94,050 ÷ 3 = 31,350.00; trucks 25,080 ÷ 3 = 8,360.00; generators 5,225 ÷ 3 = 1,741.666… → 1,741.67;
  // catering 790 × 29.26 ÷ 3 = 23,115.40 ÷ 3 = 7,705.133… → 7,705.13; comms 790 × 34.485 ÷ 3 = 27,243.15 ÷ 3
  // = 9,081.05; 376,040 + 31,350 + 8,360 + 1,741.67 + 7,705.13 + 9,081.05 = 434,277.85
  M05: {
    lines: [
      [P, '376040.00'],
      [APC, '31350.00'],
      [TRK, '8360.00'],
      [GEN, '1741.67'],
      [CAT, '7705.13'],
      [COM, '9081.05'],
    ],
    amountUsd: '434277.85',
    serviceDays: { source: 'movements', days: 10, basis: 30, reason: null },
  },
  // 67/261: APCs 7 of 10 (3 absent, counted 3 × 9,000 = 27,000); generators 5 of 10, 4 unserviceable (dry:
  // the UN repairs them, exempt) and 1 lost in a recorded hostile action (exempt): counted 0.
  // s = 27,000 ÷ 119,000 = 22.69 % > 10 %: −1,142,400 × 27,000 ÷ 119,000 = −9,600 × 27 = −259,200.00
  // (without the exemptions it would be 29,500 ÷ 119,000: −283,200.00). APCs 7 × 9,000 × 1.045 = 65,835.00;
  // generators 5 × 500 × 1.045 = 2,612.50.
  // 1,142,400 + 65,835 + 25,080 + 2,612.50 + 23,408 + 27,588 − 259,200 = 1,027,723.50
  M06: {
    lines: [
      [P, '1142400.00'],
      [APC, '65835.00'],
      [TRK, '25080.00'],
      [GEN, '2612.50'],
      [CAT, '23408.00'],
      [COM, '27588.00'],
      [DED, '-259200.00'],
    ],
    amountUsd: '1027723.50',
  },
  // 1 APC absent: 9,000 ÷ 119,000 = 7.56 % ≤ 10 %: no deduction. 640 × 1,428 = 913,920.00;
  // APCs 9 × 9,000 × 1.045 = 84,645.00; catering 640 × 29.26 = 18,726.40; comms 640 × 34.485 = 22,070.40;
  // 913,920 + 84,645 + 25,080 + 5,225 + 18,726.40 + 22,070.40 = 1,069,666.80
  M07: {
    lines: [
      [P, '913920.00'],
      [APC, '84645.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '18726.40'],
      [COM, '22070.40'],
    ],
    amountUsd: '1069666.80',
  },
  // catering in part: 800 × 28 × 62.50 % × 1.045 = 14,000 × 1.045 = 14,630.00; communications not provided:
  // 0.00; 1,142,400 + 124,355 + 14,630 = 1,281,385.00
  M08: {
    lines: [
      [P, '1142400.00'],
      [APC, '94050.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '14630.00'],
      [COM, '0.00'],
    ],
    amountUsd: '1281385.00',
  },
  // amendment: ceiling 850 → 700 from the 16th: 800 × 15 + 700 × 15 = 22,500 person-days × 1,428 ÷ 30 =
  // 1,071,000.00; self-sustainment on the same 22,500 ÷ 30 = 750 persons: catering 28 × 750 × 1.045 =
  // 21,945.00; comms 33 × 750 × 1.045 = 24,750 × 1.045 = 25,863.75;
  // 1,071,000 + 124,355 + 21,945 + 25,863.75 = 1,243,163.75
  M09: {
    lines: [
      [P, '1071000.00'],
      [APC, '94050.00'],
      [TRK, '25080.00'],
      [GEN, '5225.00'],
      [CAT, '21945.00'],
      [COM, '25863.75'],
    ],
    amountUsd: '1243163.75',
  },
  // 850 = ceiling: 1,213,800.00; trucks 18 × 1,200 × 1.045 = 22,572.00 (2 absent: 2,400 ÷ 119,000 = 2.02 %,
  // no deduction); catering 850 × 29.26 = 24,871.00; comms not provided 0.00;
  // 1,213,800 + 94,050 + 22,572 + 5,225 + 24,871 = 1,360,518.00
  M12: {
    lines: [
      [P, '1213800.00'],
      [APC, '94050.00'],
      [TRK, '22572.00'],
      [GEN, '5225.00'],
      [CAT, '24871.00'],
      [COM, '0.00'],
    ],
    amountUsd: '1360518.00',
  },
  // 275 × 1,428 = 392,700.00; catering 275 × 28.70 = 7,892.50; medical 275 × 12.6075 = 3,467.0625 → 3,467.06;
  // 392,700 + 23,370 + 7,892.50 + 3,467.06 = 427,429.56
  U01: {
    lines: [
      [P, '392700.00'],
      [EXC, '12095.00'],
      [CGO, '11275.00'],
      [CAT, '7892.50'],
      [MED, '3467.06'],
    ],
    amountUsd: '427429.56',
  },
  // 300 above 280: 280 × 1,428 = 399,840.00; catering 280 × 28.70 = 8,036.00; medical 280 × 12.6075 =
  // 3,530.10; 399,840 + 23,370 + 8,036 + 3,530.10 = 434,776.10
  U02: {
    lines: [
      [P, '399840.00'],
      [EXC, '12095.00'],
      [CGO, '11275.00'],
      [CAT, '8036.00'],
      [MED, '3530.10'],
    ],
    amountUsd: '434776.10',
  },
  // deployed on the 21st: days 21–30 = 10 ÷ 30; 270 × 1,428 ÷ 3 = 385,560 ÷ 3 = 128,520.00; excavators
  // 12,095 ÷ 3 = 4,031.666… → 4,031.67; trucks 11,275 ÷ 3 = 3,758.333… → 3,758.33; catering 270 × 28.70 ÷ 3 =
  // 7,749 ÷ 3 = 2,583.00; medical 270 × 12.30 × 1.025 × 10 ÷ 30 = 34,040.25 ÷ 30 = 1,134.675 → 1,134.68
  // (half-up); 128,520 + 4,031.67 + 3,758.33 + 2,583 + 1,134.68 = 140,027.68
  U03: {
    lines: [
      [P, '128520.00'],
      [EXC, '4031.67'],
      [CGO, '3758.33'],
      [CAT, '2583.00'],
      [MED, '1134.68'],
    ],
    amountUsd: '140027.68',
    serviceDays: { source: 'movements', days: 10, basis: 30, reason: null },
  },
  // rotation: 280 × 14 + 140 × 6 + 260 × 10 = 3,920 + 840 + 2,600 = 7,360 person-days × 1,428 ÷ 30 =
  // 10,510,080 ÷ 30 = 350,336.00; self-sustainment on the same 7,360 person-days ÷ 30: catering
  // 28 × 7,360 × 1.025 ÷ 30 = 211,232 ÷ 30 = 7,041.0666… → 7,041.07; medical 12.30 × 7,360 × 1.025 ÷ 30 =
  // 92,791.20 ÷ 30 = 3,093.04; 350,336 + 23,370 + 7,041.07 + 3,093.04 = 383,840.11
  U04: {
    lines: [
      [P, '350336.00'],
      [EXC, '12095.00'],
      [CGO, '11275.00'],
      [CAT, '7041.07'],
      [MED, '3093.04'],
    ],
    amountUsd: '383840.11',
  },
  // 67/261: 1 excavator absent: 2,950 ÷ 22,800 = 12.94 % > 10 %: −392,700 × 2,950 ÷ 22,800 =
  // −1,158,465,000 ÷ 22,800 = −50,809.868… → −50,809.87; excavators 3 × 2,950 × 1.025 = 9,071.25;
  // 392,700 + 9,071.25 + 11,275 + 7,892.50 + 3,467.06 − 50,809.87 = 373,595.94
  U05: {
    lines: [
      [P, '392700.00'],
      [EXC, '9071.25'],
      [CGO, '11275.00'],
      [CAT, '7892.50'],
      [MED, '3467.06'],
      [DED, '-50809.87'],
    ],
    amountUsd: '373595.94',
  },
  // repatriated on the 5th: days 1–5 = 5 ÷ 30 = 1 ÷ 6; 280 × 1,428 ÷ 6 = 399,840 ÷ 6 = 66,640.00; excavators
  // 12,095 ÷ 6 = 2,015.833… → 2,015.83; trucks 11,275 ÷ 6 = 1,879.166… → 1,879.17; catering 8,036 ÷ 6 =
  // 1,339.333… → 1,339.33; medical 3,530.10 ÷ 6 = 588.35; 66,640 + 2,015.83 + 1,879.17 + 1,339.33 + 588.35
  // = 72,462.68
  U06: {
    lines: [
      [P, '66640.00'],
      [EXC, '2015.83'],
      [CGO, '1879.17'],
      [CAT, '1339.33'],
      [MED, '588.35'],
    ],
    amountUsd: '72462.68',
    serviceDays: { source: 'movements', days: 5, basis: 30, reason: null },
  },
  // catering in part: 250 × 28 × 62.50 % × 1.025 = 4,375 × 1.025 = 4,484.375 → 4,484.38; medical 250 ×
  // 12.6075 = 3,151.875 → 3,151.88; 250 × 1,428 = 357,000.00; 357,000 + 23,370 + 4,484.38 + 3,151.88 =
  // 388,006.26
  U07: {
    lines: [
      [P, '357000.00'],
      [EXC, '12095.00'],
      [CGO, '11275.00'],
      [CAT, '4484.38'],
      [MED, '3151.88'],
    ],
    amountUsd: '388006.26',
  },
  // dry trucks: 6 serviceable, 3 unserviceable (exempt), 1 absent: counted 1 × 1,100 ÷ 22,800 = 4.82 %, no
  // deduction (counting the unserviceable ones, 4,400 ÷ 22,800 = 19.3 % would deduct); trucks 6 × 1,100 ×
  // 1.025 = 6,765.00; 240 × 1,428 = 342,720.00; catering 240 × 28.70 = 6,888.00; medical 240 × 12.6075 =
  // 3,025.80; 342,720 + 12,095 + 6,765 + 6,888 + 3,025.80 = 371,493.80
  U08: {
    lines: [
      [P, '342720.00'],
      [EXC, '12095.00'],
      [CGO, '6765.00'],
      [CAT, '6888.00'],
      [MED, '3025.80'],
    ],
    amountUsd: '371493.80',
  },
};

/**
 * The run's total: MINUSMA 1,317,751.00 + 1,392,338.25 + 1,280,457.38 + 658,875.50 + 434,277.85 +
 * 1,027,723.50 + 1,069,666.80 + 1,281,385.00 + 1,243,163.75 + 1,360,518.00 = 11,066,157.03; UNMISS
 * 427,429.56 + 434,776.10 + 140,027.68 + 383,840.11 + 373,595.94 + 72,462.68 + 388,006.26 + 371,493.80 =
 * 2,591,632.13; together 13,657,789.16.
 */
export const EXPECTED_RUN_TOTAL = '13657789.16';

/** The units the run cannot claim, and the code a single claim would answer. */
export const EXPECTED_EXCEPTIONS: Record<string, string> = {
  M10: 'VERIFICATION_REPORT_NOT_FOUND',
  M11: 'MOU_TERMS_NOT_FOUND',
};
