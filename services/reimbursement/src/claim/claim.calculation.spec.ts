import { rateTables, report, seededRates, terms } from '../../test/reimbursement.fixtures';
import seed from '../rate-table/rate-table.seed.json';
import type { RateTableVersionIssued } from '../rate-table/rate-table.events';
import { calculateClaim } from './claim.calculation';
import { claimRatesOn } from './claim.rates';

const amounts = (calculation: ReturnType<typeof calculateClaim>) =>
  Object.fromEntries(calculation.lines.map((l) => [l.key, l.amountUsd]));

describe('a unit claim for a month', () => {
  it('pays a whole month at the MOU rates and factors (worked example)', () => {
    // factors 1 + 1 + 1 % => F = 1.03; strength 800 under the ceiling of 850; everything present
    const claim = calculateClaim(terms(), report(), seededRates());
    expect(amounts(claim)).toEqual({
      personnel: '1142400.00', // 800 × 1,428.00
      'equipment:L1': '92700.00', // 10 × 9,000.00 × 1.03
      'equipment:L2': '25431.94', // 20 × 1,234.56 × 1.03 = 25,431.936
      'self-sustainment:catering': '23426.32', // 800 × 28.43 × 1.03
      'self-sustainment:communications': '27192.00', // 800 × 33.00 × 1.03
      'self-sustainment:medical-level-1': '17221.60', // 800 × 20.90 × 1.03
    });
    expect(claim.amountUsd).toBe('1328371.86');
  });

  describe('self-sustainment categories and the rate table, matched exactly (issue 18)', () => {
    // factors 1 + 1 + 1 % => 1.03; the self-sustainment table has catering 30.12, the MOU 28.43
    const rates = seededRates({ selfSustainment: rateTables.selfSustainment });
    const cateringLine = (category: string) => {
      const asRecorded = <C extends { category: string }>(c: C): C =>
        c.category === 'catering' ? { ...c, category } : c;
      const claim = calculateClaim(
        terms({ annexC: terms().annexC.map(asRecorded) }),
        report({ selfSustainment: report().selfSustainment.map(asRecorded) }),
        rates,
      );
      return claim.lines.find((l) => l.key === `self-sustainment:${category}`)!;
    };

    it('pays the table’s rate once annex C names the code', () =>
      expect(cateringLine('catering')).toMatchObject({
        rateUsd: '30.12',
        amountUsd: '24818.88', // 800 × 30.12 × 1.03
        description: 'Self-sustainment: catering',
        sources: { rateTables: [{ tableId: 'self-sustainment', version: 1 }] },
      }));

    it('pays an annex recorded before the codes (`Catering`) at the MOU’s rate, and says why', () =>
      expect(cateringLine('Catering')).toMatchObject({
        rateUsd: '28.43',
        amountUsd: '23426.32', // 800 × 28.43 × 1.03
        description: 'Self-sustainment: Catering [not a category code: the MOU rate, no rate table]',
        sources: { rateTables: [] },
      }));
  });

  describe('April 2019 with mission factors, unserviceable equipment, a part month and a 67/261 deduction', () => {
    // Rate tables in force: APC wet 9,500.00 (the truck is not listed: the MOU's 1,234.56 applies),
    // catering 30.12; MINUSMA factors 2.60 + 3.00 + 4.10 = 9.70 % => F = 1.097.
    // The unit served 18 of April's 30 days => f = 0.6; strength 860 is capped at the ceiling of 850;
    // 3 of 10 APCs unserviceable; communications not provided to standard.
    const claim = calculateClaim(
      terms(),
      report({
        strength: 860,
        daysServed: 18,
        equipment: [
          { lineId: 'L1', presentAndServiceable: 7 },
          { lineId: 'L2', presentAndServiceable: 20 },
        ],
        selfSustainment: [
          { category: 'catering', providedToStandard: true },
          { category: 'communications', providedToStandard: false },
          { category: 'medical-level-1', providedToStandard: true },
        ],
      }),
      seededRates({
        majorEquipment: rateTables.majorEquipment,
        selfSustainment: rateTables.selfSustainment,
        missionFactors: rateTables.missionFactorsMinusma,
      }),
    );

    it('computes every line to the cent', () =>
      expect(amounts(claim)).toEqual({
        personnel: '728280.00', // 850 × 1,428.00 × 18/30
        'equipment:L1': '43770.30', // 7 × 9,500.00 × 1.097 × 18/30 = 43,770.30
        'equipment:L2': '16251.75', // 20 × 1,234.56 × 1.097 × 18/30 = 16,251.74784
        'self-sustainment:catering': '16851.24', // 850 × 30.12 × 1.097 × 18/30 = 16,851.2364
        'self-sustainment:communications': '0.00', // not provided to standard
        'self-sustainment:medical-level-1': '11692.92', // 850 × 20.90 × 1.097 × 18/30 = 11,692.923
        // shortfall by value: 3 × 9,500.00 ÷ (10 × 9,500.00 + 20 × 1,234.56) = 28,500 ÷ 119,691.20 = 23.81 % > 10 %
        // 728,280.00 × 28,500 ÷ 119,691.20 = 173,412.7488…
        'deduction-67-261': '-173412.75',
      }));

    it('totals the rounded lines', () => expect(claim.amountUsd).toBe('643433.46'));

    it('names the rate-table versions, the annex version and the report version of each line', () => {
      const sources = Object.fromEntries(claim.lines.map((l) => [l.key, l.sources]));
      const partMonth = { tableId: 'part-month', version: 1 };
      const factors = { tableId: 'mission-factors-MINUSMA', version: 3 };
      const base = { mouAnnexVersion: 2, verificationReportVersion: 1 };
      expect(sources).toEqual({
        personnel: { ...base, rateTables: [{ tableId: 'personnel', version: 4 }, partMonth] },
        'equipment:L1': {
          ...base,
          rateTables: [{ tableId: 'major-equipment', version: 1 }, factors, partMonth],
        },
        'equipment:L2': { ...base, rateTables: [factors, partMonth] },
        'self-sustainment:catering': {
          ...base,
          rateTables: [{ tableId: 'self-sustainment', version: 1 }, factors, partMonth],
        },
        'self-sustainment:communications': { ...base, rateTables: [factors, partMonth] },
        'self-sustainment:medical-level-1': { ...base, rateTables: [factors, partMonth] },
        'deduction-67-261': { ...base, rateTables: [{ tableId: 'deduction-threshold', version: 1 }] },
      });
      expect(claim.lines.find((l) => l.key === 'equipment:L1')).toMatchObject({
        quantity: '7',
        rateUsd: '9500.00',
        factor: '1.097',
        fraction: '18/30',
      });
    });
  });

  describe('the 67/261 deduction', () => {
    const oneLine = terms({
      annexB: [
        {
          lineId: 'L1',
          category: 'armoured-personnel-carrier',
          item: 'apc-wheeled',
          quantity: 10,
          lease: 'wet',
          monthlyRateUsd: '1000.00',
        },
      ],
      annexC: [],
    });
    const present = (n: number) =>
      report({ equipment: [{ lineId: 'L1', presentAndServiceable: n }], selfSustainment: [] });

    it('does not apply at exactly the threshold (1 of 10 missing)', () =>
      expect(amounts(calculateClaim(oneLine, present(9), seededRates()))).toEqual({
        personnel: '1142400.00',
        'equipment:L1': '9270.00', // 9 × 1,000.00 × 1.03
      }));

    it('cuts personnel pay pro rata to the whole shortfall beyond it (2 of 10 missing)', () =>
      expect(amounts(calculateClaim(oneLine, present(8), seededRates()))).toMatchObject({
        personnel: '1142400.00',
        'deduction-67-261': '-228480.00', // 1,142,400.00 × 20 %
      }));

    it('counts equipment above the MOU quantity only up to it', () =>
      expect(amounts(calculateClaim(oneLine, present(12), seededRates()))).toEqual({
        personnel: '1142400.00',
        'equipment:L1': '10300.00', // 10 × 1,000.00 × 1.03
      }));
  });

  describe('given counts beyond the MOU (ceiling 850, 10 APCs, 20 trucks)', () => {
    // 900 persons, 5 APCs and 40 trucks counted
    const claim = calculateClaim(
      terms(),
      report({
        strength: 900,
        equipment: [
          { lineId: 'L1', presentAndServiceable: 5 },
          { lineId: 'L2', presentAndServiceable: 40 },
        ],
      }),
      seededRates(),
    );

    it('when claimed, then each line pays up to the MOU and surplus trucks make up for no missing APC', () => {
      expect(amounts(claim)).toEqual({
        personnel: '1213800.00', // 850 × 1,428.00
        'equipment:L1': '46350.00', // 5 × 9,000.00 × 1.03
        'equipment:L2': '25431.94', // 20 (not 40) × 1,234.56 × 1.03 = 25,431.936
        'self-sustainment:catering': '24890.47', // 850 × 28.43 × 1.03 = 24,890.465
        'self-sustainment:communications': '28891.50', // 850 × 33.00 × 1.03
        'self-sustainment:medical-level-1': '18297.95', // 850 × 20.90 × 1.03
        // 5 APCs missing: 45,000.00 ÷ (90,000.00 + 24,691.20) = 39.24 % > 10 %, the trucks' surplus not offset;
        // 1,213,800.00 × 45,000 ÷ 114,691.20 = 476,244.036…
        'deduction-67-261': '-476244.04',
      });
      expect(claim.amountUsd).toBe('881417.82');
    });

    it('when claimed, then the personnel and truck lines carry their warnings, the others none', () =>
      expect(Object.fromEntries(claim.lines.map((l) => [l.key, l.warnings ?? []]))).toEqual({
        personnel: [
          { code: 'STRENGTH_ABOVE_CEILING', message: 'Strength 900 counted; MOU personnel ceiling 850' },
        ],
        'equipment:L1': [],
        'equipment:L2': [{ code: 'COUNT_ABOVE_MOU_QUANTITY', message: '40 counted; MOU quantity 20' }],
        'self-sustainment:catering': [],
        'self-sustainment:communications': [],
        'self-sustainment:medical-level-1': [],
        'deduction-67-261': [],
      }));
  });

  describe('part months', () => {
    const days = (n: number) => report({ period: '2019-03', daysServed: n });

    it('pro-rates by the days of the calendar month', () =>
      // 800 × 1,428.00 × 17 ÷ 31 = 626,477.419…
      expect(amounts(calculateClaim(terms(), days(17), seededRates())).personnel).toBe('626477.42'));

    it('pro-rates by a thirty-day month when that rule is in force', () => {
      const rates = seededRates({ partMonth: rateTables.thirtyDayMonth });
      expect(amounts(calculateClaim(terms(), days(15), rates)).personnel).toBe('571200.00');
      expect(amounts(calculateClaim(terms(), days(31), rates)).personnel).toBe('1142400.00');
    });
  });

  it('uses the personnel rate in force on the month served', () => {
    const versions = seed.versions.map((v, i) => ({ ...v, version: i + 1 })) as RateTableVersionIssued[];
    const rate = (period: string) =>
      calculateClaim(terms(), report({ period }), claimRatesOn(versions, 'MINUSMA', `${period}-01`)).lines[0]!
        .rateUsd;
    expect([rate('2016-06'), rate('2016-07'), rate('2018-06'), rate('2018-07')]).toEqual([
      '1332.00',
      '1365.00',
      '1410.00',
      '1428.00',
    ]);
  });

  it('refuses a month no personnel rate covers', () =>
    expect(() => calculateClaim(terms(), report(), seededRates({ personnel: null }))).toThrow(
      expect.objectContaining({ code: 'RATE_NOT_IN_FORCE' }),
    ));
});
