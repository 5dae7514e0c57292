import { deciderSpec } from '@coe/event-store/testing';
import type { IssueRateTableVersion } from './rate-table.commands';
import { rateTableDecider } from './rate-table.decider';
import type { RateTableEvent, RateTableValues } from './rate-table.events';
import { versionInForce } from './rate-table.in-force';

const given = deciderSpec(rateTableDecider);

const personnel = (rate: string): RateTableValues => ({ kind: 'personnel', ratePerPersonMonthUsd: rate });

const issue = (effectiveFrom: string, values: RateTableValues, seed = false): IssueRateTableVersion => ({
  type: 'IssueRateTableVersion',
  data: { tableId: 'personnel', effectiveFrom, issuedOn: effectiveFrom, values, seed },
});

const issued = (version: number, effectiveFrom: string, values: RateTableValues): RateTableEvent => ({
  type: 'RateTableVersionIssued',
  data: { tableId: 'personnel', version, effectiveFrom, issuedOn: effectiveFrom, values },
  effectiveOn: effectiveFrom,
});

/** A version of the table of that kind, issued on 2019-07-01 by a finance officer. */
const issueOwnTable = (values: RateTableValues): IssueRateTableVersion => ({
  type: 'IssueRateTableVersion',
  data: { tableId: values.kind, effectiveFrom: '2019-07-01', issuedOn: '2019-07-01', values, seed: false },
});

describe('RateTable', () => {
  const history = [
    issued(1, '2014-07-01', personnel('1332.00')),
    issued(2, '2016-07-01', personnel('1365.00')),
  ];

  it('issues the next version', () =>
    given(history)
      .when(issue('2017-07-01', personnel('1410.00')))
      .then([issued(3, '2017-07-01', personnel('1410.00'))]));

  it('issues shipped initial data once: a seed already issued is a no-op', () =>
    given(history)
      .when(issue('2016-07-01', personnel('1365.00'), true))
      .then([]));

  it('recognises a seed read back from the store with its keys in another order (JSONB)', () =>
    given([
      issued(1, '2019-07-01', {
        operatingReservePct: '0.00',
        pooled: true,
        kind: 'cash-pool',
      } as RateTableValues),
    ])
      .when(issue('2019-07-01', { kind: 'cash-pool', pooled: true, operatingReservePct: '0.00' }, true))
      .then([]));

  it('still issues a seed version that differs from every issued one', () =>
    given(history)
      .when(issue('2018-07-01', personnel('1428.00'), true))
      .then([issued(3, '2018-07-01', personnel('1428.00'))]));

  it('refuses rates of another kind in the same table', () =>
    given(history)
      .when(issue('2019-07-01', { kind: 'deduction-threshold', thresholdPct: '10.00' }))
      .thenThrows('RATE_TABLE_KIND_MISMATCH'));

  it('refuses an item listed twice', () =>
    given([])
      .when(
        issueOwnTable({
          kind: 'major-equipment',
          items: [
            {
              category: 'armoured-personnel-carrier',
              item: 'apc-wheeled',
              lease: 'wet',
              monthlyRateUsd: '9500.00',
            },
            {
              category: 'armoured-personnel-carrier',
              item: 'apc-wheeled',
              lease: 'wet',
              monthlyRateUsd: '9600.00',
            },
          ],
        }),
      )
      .thenThrows('DUPLICATE_RATE_ENTRY'));
});

describe('a rate table’s categories (issue 18: codes of the one list, matched exactly)', () => {
  const selfSustainment = (...categories: string[]): IssueRateTableVersion =>
    issueOwnTable({
      kind: 'self-sustainment',
      categories: categories.map((category) => ({ category, ratePerPersonMonthUsd: '30.12' })),
    });

  it('issues a table whose categories are codes', () =>
    given([])
      .when(selfSustainment('catering', 'medical-level-1'))
      .then([
        {
          type: 'RateTableVersionIssued',
          data: {
            tableId: 'self-sustainment',
            version: 1,
            effectiveFrom: '2019-07-01',
            issuedOn: '2019-07-01',
            values: {
              kind: 'self-sustainment',
              categories: [
                { category: 'catering', ratePerPersonMonthUsd: '30.12' },
                { category: 'medical-level-1', ratePerPersonMonthUsd: '30.12' },
              ],
            },
          },
          effectiveOn: '2019-07-01',
        },
      ]));

  it('refuses `Catering`, naming the entry and the code', () =>
    given([])
      .when(selfSustainment('catering', 'Catering'))
      .thenThrows('UNKNOWN_CATEGORY', { field: 'categories[1].category', suggestion: 'catering' }));

  it('refuses a major-equipment category that is no code', () =>
    given([])
      .when(
        issueOwnTable({
          kind: 'major-equipment',
          items: [{ category: 'APC', item: 'apc-wheeled', lease: 'wet', monthlyRateUsd: '9500.00' }],
        }),
      )
      .thenThrows('UNKNOWN_CATEGORY', { field: 'items[0].category' }));

  it('refuses an item that is no item code of its category (`Bulldozer`)', () =>
    given([])
      .when(
        issueOwnTable({
          kind: 'major-equipment',
          items: [{ category: 'engineering', item: 'Bulldozer', lease: 'wet', monthlyRateUsd: '2000.00' }],
        }),
      )
      .thenThrows('UNKNOWN_ITEM', { field: 'items[0].item', item: 'Bulldozer', suggestion: null }));
});

describe('a mission-factor table', () => {
  const caps = {
    kind: 'mission-factor-caps' as const,
    extremeEnvironmentPct: '5.00',
    intensifiedOperationalConditionPct: '5.00',
    hostileActionPct: '5.00',
  };
  const factors = (extremeEnvironmentPct: string): RateTableValues => ({
    kind: 'mission-factors',
    mission: 'MINUSMA',
    extremeEnvironmentPct,
    intensifiedOperationalConditionPct: '1.00',
    hostileActionPct: '5.00',
  });
  const issueFactors = (pct: string, withCaps: typeof caps | null): IssueRateTableVersion => ({
    type: 'IssueRateTableVersion',
    data: {
      tableId: 'mission-factors-MINUSMA',
      effectiveFrom: '2019-07-01',
      issuedOn: '2019-07-01',
      values: factors(pct),
      seed: false,
      caps: withCaps,
    },
  });

  it('is refused when a factor exceeds the cap in force (5.01 % > 5 %)', () =>
    given([]).when(issueFactors('5.01', caps)).thenThrows('MISSION_FACTOR_ABOVE_CAP'));

  it('is issued at the cap exactly', () =>
    given([])
      .when(issueFactors('5.00', caps))
      .then([
        {
          type: 'RateTableVersionIssued',
          data: {
            tableId: 'mission-factors-MINUSMA',
            version: 1,
            effectiveFrom: '2019-07-01',
            issuedOn: '2019-07-01',
            values: factors('5.00'),
          },
          effectiveOn: '2019-07-01',
        },
      ]));

  it('is issued as it is when no cap is in force', () =>
    given([])
      .when(issueFactors('5.01', null))
      .then([
        {
          type: 'RateTableVersionIssued',
          data: {
            tableId: 'mission-factors-MINUSMA',
            version: 1,
            effectiveFrom: '2019-07-01',
            issuedOn: '2019-07-01',
            values: factors('5.01'),
          },
          effectiveOn: '2019-07-01',
        },
      ]));
});

describe('the version in force on a service date', () => {
  const versions = [
    issued(1, '2014-07-01', personnel('1332.00')).data,
    issued(2, '2018-07-01', personnel('1428.00')).data,
    issued(3, '2016-07-01', personnel('1365.00')).data,
    // a later correction of the 2016 rate
    issued(4, '2016-07-01', personnel('1366.00')).data,
  ];

  it.each([
    ['2014-06-30', null],
    ['2014-07-01', 1],
    ['2016-06-30', 1],
    ['2016-07-01', 4],
    ['2018-06-01', 4],
    ['2018-07-01', 2],
  ])('on %s is version %s', (date, version) =>
    expect(versionInForce(versions, 'personnel', date)?.version ?? null).toBe(version),
  );
});
