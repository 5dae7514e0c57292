import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { RateTableVersionIssued } from '../rate-table/rate-table.events';
import type { InForce } from '../rate-table/rate-table.in-force';
import type { EquipmentVerified } from '../verification/verification.events';
import { calculateClaim } from './claim.calculation';
import { claimRatesOn } from './claim.rates';

const amounts = (calculation: ReturnType<typeof calculateClaim>) =>
  Object.fromEntries(calculation.lines.map((l) => [l.key, l.amountUsd]));

const exemptions = (
  values: Partial<InForce<'deduction-exemptions'>['values']> = {},
  version = 1,
): InForce<'deduction-exemptions'> => ({
  tableId: 'deduction-exemptions',
  version,
  effectiveFrom: '2014-07-01',
  values: {
    kind: 'deduction-exemptions',
    dryLeaseUnserviceable: true,
    hostileActionLoss: true,
    notDeployedAtUnRequest: true,
    ...values,
  },
});

// Required by value: APCs 10 × 1,000.00 = 10,000 (wet) and generators 25 × 200.00 = 5,000 (dry): 15,000.
const twoLines = terms({
  annexB: [
    {
      lineId: 'L1',
      category: 'armoured-personnel-carrier',
      item: 'apc-wheeled',
      quantity: 10,
      lease: 'wet',
      monthlyRateUsd: '1000.00',
    },
    {
      lineId: 'L2',
      category: 'electrical',
      item: 'generator-60-kva',
      quantity: 25,
      lease: 'dry',
      monthlyRateUsd: '200.00',
    },
  ],
  annexC: [],
});
const inspected = (l1: Omit<EquipmentVerified, 'lineId'>, l2: Omit<EquipmentVerified, 'lineId'>) =>
  report({
    equipment: [
      { lineId: 'L1', ...l1 },
      { lineId: 'L2', ...l2 },
    ],
    selfSustainment: [],
  });

// personnel 800 × 1,428.00 = 1,142,400.00 in every case below unless said otherwise
describe('the resolution 67/261 deduction', () => {
  describe('given 2 APCs absent (2,000) and 3 dry-lease generators present but unserviceable (600)', () => {
    const month = inspected(
      { presentAndServiceable: 8, presentUnserviceable: 0, absent: 2 },
      { presentAndServiceable: 22, presentUnserviceable: 3, absent: 0 },
    );

    it('does not count the dry-lease items the UN repairs: 2,000 ÷ 15,000 = 13.33 % > 10 %', () =>
      expect(
        amounts(calculateClaim(twoLines, month, seededRates({ deductionExemptions: exemptions() }))),
      ).toEqual({
        personnel: '1142400.00',
        'equipment:L1': '8240.00', // 8 × 1,000.00 × 1.03
        'equipment:L2': '4532.00', // 22 × 200.00 × 1.03
        'deduction-67-261': '-152320.00', // 1,142,400.00 × 2,000 ÷ 15,000 = 152,320.00
      }));

    it('names the exemption table it applied', () =>
      expect(
        calculateClaim(twoLines, month, seededRates({ deductionExemptions: exemptions() })).lines.at(-1)!
          .sources.rateTables,
      ).toEqual([
        { tableId: 'deduction-threshold', version: 1 },
        { tableId: 'deduction-exemptions', version: 1 },
      ]));

    it('counts them when the exemption is not in force: 2,600 ÷ 15,000 = 17.33 %', () =>
      expect(
        amounts(
          calculateClaim(
            twoLines,
            month,
            seededRates({ deductionExemptions: exemptions({ dryLeaseUnserviceable: false }) }),
          ),
        )['deduction-67-261'],
      ).toBe('-198016.00')); // 1,142,400.00 × 2,600 ÷ 15,000 = 76.16 × 2,600 = 198,016.00
  });

  it('counts unserviceable wet-lease items: the contributor maintains them (2 of 10 APCs = 2,000 ÷ 15,000)', () =>
    expect(
      amounts(
        calculateClaim(
          twoLines,
          inspected({ presentAndServiceable: 8, presentUnserviceable: 2 }, { presentAndServiceable: 25 }),
          seededRates({ deductionExemptions: exemptions() }),
        ),
      )['deduction-67-261'],
    ).toBe('-152320.00'));

  describe('given 3 APCs absent (3,000), 1 of them lost in hostile-action incident INC-7', () => {
    const month = inspected(
      { presentAndServiceable: 7, absent: 3, lostThroughHostileAction: { count: 1, incidentId: 'INC-7' } },
      { presentAndServiceable: 25 },
    );

    it('counts the other 2: 2,000 ÷ 15,000 = 13.33 %', () =>
      expect(
        amounts(calculateClaim(twoLines, month, seededRates({ deductionExemptions: exemptions() })))[
          'deduction-67-261'
        ],
      ).toBe(
        '-152320.00', // 1,142,400.00 × 2,000 ÷ 15,000
      ));

    it('counts all 3 when that exemption is not in force: 3,000 ÷ 15,000 = 20 %', () =>
      expect(
        amounts(
          calculateClaim(
            twoLines,
            month,
            seededRates({ deductionExemptions: exemptions({ hostileActionLoss: false }) }),
          ),
        )['deduction-67-261'],
      ).toBe('-228480.00')); // 1,142,400.00 × 0.20
  });

  it('does not count items the UN asked not to deploy: nothing is deducted', () =>
    expect(
      amounts(
        calculateClaim(
          twoLines,
          inspected(
            {
              presentAndServiceable: 7,
              absent: 3,
              notDeployedAtUnRequest: { count: 3, reference: 'UCSD 2019/117' },
            },
            { presentAndServiceable: 25 },
          ),
          seededRates({ deductionExemptions: exemptions() }),
        ),
      ),
    ).toEqual({ personnel: '1142400.00', 'equipment:L1': '7210.00', 'equipment:L2': '5150.00' })); // 7 × 1,030; 25 × 206

  it('counts a report recorded before the breakdown existed as it did then: every missing item', () =>
    expect(
      amounts(
        calculateClaim(
          twoLines,
          inspected({ presentAndServiceable: 10 }, { presentAndServiceable: 15 }),
          seededRates({ deductionExemptions: exemptions() }),
        ),
      )['deduction-67-261'],
    ).toBe('-152320.00')); // 10 dry-lease generators missing, unknown why: 2,000 ÷ 15,000

  it('applies the exemptions in force on the month served (effective-dated data)', () => {
    const issued = (version: number, effectiveFrom: string, dry: boolean): RateTableVersionIssued => ({
      tableId: 'deduction-exemptions',
      version,
      effectiveFrom,
      issuedOn: effectiveFrom,
      values: { ...exemptions().values, dryLeaseUnserviceable: dry },
    });
    const versions = [issued(1, '2014-07-01', true), issued(2, '2019-07-01', false)];
    const deduction = (period: string) => {
      const rates = {
        ...seededRates(),
        deductionExemptions: claimRatesOn(versions, 'MINUSMA', `${period}-01`).deductionExemptions,
      };
      const month = inspected(
        { presentAndServiceable: 8, absent: 2 },
        { presentAndServiceable: 22, presentUnserviceable: 3 },
      );
      return amounts(calculateClaim(twoLines, { ...month, period }, rates))['deduction-67-261'];
    };
    // June: 2,000 ÷ 15,000 → 152,320.00; July: (2,000 + 600) ÷ 15,000 → 198,016.00
    expect([deduction('2019-06'), deduction('2019-07')]).toEqual(['-152320.00', '-198016.00']);
  });

  it('is taken from the exact personnel amount, rounded once (a cent apart from the rounded line)', () => {
    const oneLine = terms({ annexB: [twoLines.annexB[0]!], annexC: [] });
    const month = report({
      period: '2019-03',
      daysServed: 2,
      equipment: [{ lineId: 'L1', presentAndServiceable: 5 }],
      selfSustainment: [],
    });
    expect(amounts(calculateClaim(oneLine, month, seededRates()))).toEqual({
      personnel: '73703.23', // 800 × 1,428.00 × 2 ÷ 31 = 2,284,800 ÷ 31 = 73,703.2258…
      'equipment:L1': '332.26', // 5 × 1,000.00 × 1.03 × 2 ÷ 31 = 10,300 ÷ 31 = 332.258…
      // shortfall 5,000 ÷ 10,000 = 50 %: 1,142,400 ÷ 31 = 36,851.6129… → 36,851.61
      // (from the rounded 73,703.23 × 50 % = 36,851.615 it would be 36,851.62)
      'deduction-67-261': '-36851.61',
    });
  });

  it('deducts only the part above the threshold when the threshold version says so', () => {
    const oneLine = terms({ annexB: [twoLines.annexB[0]!], annexC: [] });
    const threshold: InForce<'deduction-threshold'> = {
      tableId: 'deduction-threshold',
      version: 2,
      effectiveFrom: '2014-07-01',
      values: { kind: 'deduction-threshold', thresholdPct: '10.00', basis: 'excess-over-threshold' },
    };
    const month = report({ equipment: [{ lineId: 'L1', presentAndServiceable: 8 }], selfSustainment: [] });
    // shortfall 20 %, 10 % above the threshold: 1,142,400.00 × 10 % = 114,240.00
    expect(
      amounts(calculateClaim(oneLine, month, seededRates({ deductionThreshold: threshold })))[
        'deduction-67-261'
      ],
    ).toBe('-114240.00');
  });
});
