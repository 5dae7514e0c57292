import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { InForce } from '../rate-table/rate-table.in-force';
import type { UnitMovement } from '../service-period/unit-movements';
import type { VerificationReport } from '../verification/verification.events';
import { calculateClaim } from './claim.calculation';
import { applyEligibility } from './claim.eligibility';
import { serviceOf } from './claim.service';

const deployed = (on: string): UnitMovement => ({ mouId: 'mou-1', kind: 'deployed', on });
const repatriated = (on: string): UnitMovement => ({ mouId: 'mou-1', kind: 'repatriated', on });
const since2018 = [deployed('2018-11-01')];

const claimFor = (
  r: VerificationReport,
  movements: UnitMovement[] = since2018,
  versions = [terms()],
  rule: 'calendar-days' | 'thirty-day-month' = 'calendar-days',
) => {
  const t = versions[0]!;
  const rates = seededRates(
    rule === 'calendar-days'
      ? {}
      : {
          partMonth: {
            tableId: 'part-month',
            version: 2,
            effectiveFrom: '2014-07-01',
            values: { kind: 'part-month', rule },
          },
        },
  );
  return calculateClaim(t, r, rates, serviceOf(r, movements, versions, rule));
};
const line = (claim: ReturnType<typeof calculateClaim>, key: string) =>
  claim.lines.find((l) => l.key === key)!;

describe('personnel pay by day', () => {
  it('keeps a whole month exactly as before (worked example)', () => {
    const claim = claimFor(report());
    expect(line(claim, 'personnel')).toMatchObject({
      quantity: '800',
      fraction: '1',
      amountUsd: '1142400.00',
    });
    expect(claim.amountUsd).toBe('1328371.86'); // claim.calculation.spec.ts, worked example
  });

  it('caps each day of a rotation month at the ceiling (the issue’s example)', () => {
    // April 2019, 30 days, rate 1,428.00, ceiling 900: 850 × 10 + 900 × 5 (950 capped) + 700 × 15
    // = 8,500 + 4,500 + 10,500 = 23,500 person-days; 23,500 × 1,428 ÷ 30 = 23,500 × 47.60 = 1,118,600.00
    const rotation = report({
      strengthByDay: [
        { fromDay: 1, toDay: 10, strength: 850 },
        { fromDay: 11, toDay: 15, strength: 950 },
        { fromDay: 16, toDay: 30, strength: 700 },
      ],
    });
    expect(line(claimFor(rotation, since2018, [terms({ personnelCeiling: 900 })]), 'personnel')).toEqual({
      kind: 'PERSONNEL',
      component: 'personnel',
      key: 'personnel',
      description: 'Personnel: 23500 person-days within the ceilings in force, by day',
      quantity: '23500',
      rateUsd: '1428.00',
      factor: '1',
      fraction: '1/30',
      amountUsd: '1118600.00',
      sources: {
        mouAnnexVersion: 2,
        verificationReportVersion: 1,
        rateTables: [{ tableId: 'personnel', version: 4 }],
      },
      serviceDays: { source: 'movements', days: 30, basis: 30, reason: null },
      rateBasis: {
        source: 'rate-table',
        reason:
          'Rate per person per month set by the General Assembly: the personnel table version 4, in force from 2014-07-01; an MOU records no personnel rate.',
        rateTable: { tableId: 'personnel', version: 4, effectiveFrom: '2014-07-01' },
      },
      // paid up to the ceiling, and warned of
      warnings: [
        {
          code: 'STRENGTH_ABOVE_CEILING',
          message: 'Strength 950 on days 11–15 counted; MOU personnel ceiling 900',
        },
      ],
    });
  });

  it('gives a day no range names the report’s single strength', () =>
    // days 1–10 at 700, days 11–30 at the single 800: 7,000 + 16,000 = 23,000 × 47.60 = 1,094,800.00
    expect(
      line(claimFor(report({ strengthByDay: [{ fromDay: 1, toDay: 10, strength: 700 }] })), 'personnel')
        .amountUsd,
    ).toBe('1094800.00'));

  it('applies an amendment’s ceiling from its effective day', () => {
    // version 2 (ceiling 850) governs April 1–15, version 3 (ceiling 900) from 16 April; strength 950 all month:
    // 850 × 15 + 900 × 15 = 12,750 + 13,500 = 26,250 person-days × 47.60 = 1,249,500.00
    const versions = [terms(), terms({ annexVersion: 3, effectiveOn: '2019-04-16', personnelCeiling: 900 })];
    expect(line(claimFor(report({ strength: 950 }), since2018, versions), 'personnel').amountUsd).toBe(
      '1249500.00',
    );
  });

  describe('part months from the movements', () => {
    it('pays from the deployment day (calendar days)', () =>
      // deployed 15 March 2019: 17 of 31 days; 800 × 1,428 × 17 ÷ 31 = 19,420,800 ÷ 31 = 626,477.419… → 626,477.42
      expect(
        line(claimFor(report({ period: '2019-03' }), [deployed('2019-03-15')]), 'personnel'),
      ).toMatchObject({ quantity: '800', fraction: '17/31', amountUsd: '626477.42' }));

    it('pays up to the repatriation day, every line by the same days', () => {
      // repatriated 10 April: 10 of 30 days. Personnel 800 × 1,428 × 10 ÷ 30 = 380,800.00;
      // APCs 10 × 9,000.00 × 1.03 × 10 ÷ 30 = 30,900.00
      const claim = claimFor(report(), [deployed('2018-11-01'), repatriated('2019-04-10')]);
      expect([line(claim, 'personnel').amountUsd, line(claim, 'equipment:L1').amountUsd]).toEqual([
        '380800.00',
        '30900.00',
      ]);
    });

    it('counts a February under the thirty-day month to position 30', () =>
      // deployed 15 February 2019: positions 15–30 = 16 of 30; 800 × 1,428 × 16 ÷ 30 = 800 × 16 × 47.60 = 609,280.00
      expect(
        line(
          claimFor(report({ period: '2019-02' }), [deployed('2019-02-15')], [terms()], 'thirty-day-month'),
          'personnel',
        ).amountUsd,
      ).toBe('609280.00'));

    it('counts the same February by calendar days', () =>
      // 14 of 28 days: 800 × 1,428 × 14 ÷ 28 = 571,200.00
      expect(
        line(claimFor(report({ period: '2019-02' }), [deployed('2019-02-15')]), 'personnel').amountUsd,
      ).toBe('571200.00'));

    it('refuses a month the unit was not in the mission area', () =>
      expect(() => claimFor(report({ period: '2018-10' }))).toThrow(
        expect.objectContaining({ code: 'UNIT_NOT_DEPLOYED_IN_PERIOD' }),
      ));
  });

  it('shows a typed override of the days and its reason on the line', () =>
    // 18 of April's 30 days typed: 800 × 1,428 × 18 ÷ 30 = 685,440.00
    expect(
      line(
        claimFor(report({ daysServed: 18, daysServedReason: 'Arrival recorded on paper only' })),
        'personnel',
      ),
    ).toMatchObject({
      fraction: '18/30',
      amountUsd: '685440.00',
      serviceDays: { source: 'override', days: 18, basis: 30, reason: 'Arrival recorded on paper only' },
      description:
        'Personnel: 800 of 800 (ceiling 850); 18 days typed over the movements (Arrival recorded on paper only)',
    }));

  it('pays equipment arriving after the troops from its own arrival', () => {
    // the APCs arrived on 21 April: days 21–30 = 10 of 30; 10 × 9,000.00 × 1.03 × 10 ÷ 30 = 30,900.00;
    // the trucks were there all month: 20 × 1,234.56 × 1.03 = 25,431.936 → 25,431.94
    const claim = claimFor(
      report({
        equipment: [
          { lineId: 'L1', presentAndServiceable: 10, arrivedOn: '2019-04-21' },
          { lineId: 'L2', presentAndServiceable: 20 },
        ],
      }),
    );
    expect(line(claim, 'equipment:L1')).toMatchObject({ fraction: '10/30', amountUsd: '30900.00' });
    expect(line(claim, 'equipment:L2')).toMatchObject({ fraction: '1', amountUsd: '25431.94' });
  });
});

describe('claim eligibility before the MOU is signed', () => {
  const rule: InForce<'claim-eligibility'> = {
    tableId: 'claim-eligibility',
    version: 1,
    effectiveFrom: '2013-07-01',
    values: {
      kind: 'claim-eligibility',
      personnelBeforeSignature: 'paid',
      equipmentBeforeSignature: 'withheld',
    },
  };
  const whole = claimFor(report());

  it('pays troop costs and withholds contingent-owned equipment while the MOU is unsigned', () => {
    const claim = applyEligibility(whole, rule, '2019-06-01', '2019-05-10');
    expect(Object.fromEntries(claim.lines.map((l) => [l.key, l.amountUsd]))).toEqual({
      personnel: '1142400.00',
      'equipment:L1': '0.00',
      'equipment:L2': '0.00',
      'self-sustainment:catering': '0.00',
      'self-sustainment:communications': '0.00',
      'self-sustainment:medical-level-1': '0.00',
    });
    expect(claim.amountUsd).toBe('1142400.00');
    expect(line(claim, 'equipment:L1').sources.rateTables).toContainEqual({
      tableId: 'claim-eligibility',
      version: 1,
    });
  });

  it('pays everything once the MOU is signed on or before the day the claim is prepared', () =>
    expect(applyEligibility(whole, rule, '2019-05-10', '2019-05-10').amountUsd).toBe('1328371.86'));

  it('withholds troop costs too when a version of the rule says so', () =>
    expect(
      applyEligibility(
        whole,
        { ...rule, version: 2, values: { ...rule.values, personnelBeforeSignature: 'withheld' } },
        '2019-06-01',
        '2019-05-10',
      ).amountUsd,
    ).toBe('0.00'));
});
