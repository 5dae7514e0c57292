import { monthBasis } from './month-basis';
import { type UnitMovement, serviceDaysIn, servicePeriods } from './unit-movements';

const deployed = (on: string): UnitMovement => ({ mouId: 'mou-1', kind: 'deployed', on });
const repatriated = (on: string): UnitMovement => ({ mouId: 'mou-1', kind: 'repatriated', on });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('service days from the unit’s movements', () => {
  const history = [deployed('2019-01-15'), repatriated('2019-04-10')];

  it('opens a period at deployment and closes it at repatriation', () =>
    expect(servicePeriods(history)).toEqual([{ from: '2019-01-15', to: '2019-04-10' }]));

  it('counts the deployment day and every later day of its month', () =>
    expect(serviceDaysIn(history, '2019-01')).toEqual(range(15, 31))); // 17 days

  it('counts a whole month in between', () =>
    expect(serviceDaysIn(history, '2019-02')).toEqual(range(1, 28)));

  it('counts up to and including the repatriation day', () =>
    expect(serviceDaysIn(history, '2019-04')).toEqual(range(1, 10)));

  it('has no day after repatriation or before deployment', () => {
    expect(serviceDaysIn(history, '2019-05')).toEqual([]);
    expect(serviceDaysIn(history, '2018-12')).toEqual([]);
  });

  it('keeps an open period running', () =>
    expect(serviceDaysIn([deployed('2019-01-15')], '2020-02')).toEqual(range(1, 29)));

  it('learns the same deployment twice (force generation and the register) as one', () =>
    expect(
      servicePeriods([deployed('2019-01-15'), deployed('2019-01-20'), repatriated('2019-04-10')]),
    ).toEqual([{ from: '2019-01-15', to: '2019-04-10' }]));

  it('knows a unit that left and came back', () =>
    expect(
      serviceDaysIn(
        [
          deployed('2018-01-01'),
          repatriated('2019-03-05'),
          deployed('2019-03-25'),
          repatriated('2019-09-01'),
        ],
        '2019-03',
      ),
    ).toEqual([...range(1, 5), ...range(25, 31)]));
});

describe('the month basis', () => {
  it('pays calendar days over the days of the month', () =>
    expect(monthBasis(range(15, 31), '2019-03', 'calendar-days')).toEqual({
      positions: range(15, 31),
      basis: 31,
    }));

  describe('a thirty-day month', () => {
    it('pays all 30 positions for a whole 31-day month (day 31 is no position)', () =>
      expect(monthBasis(range(1, 31), '2019-03', 'thirty-day-month')).toEqual({
        positions: range(1, 30),
        basis: 30,
      }));

    it('pays nothing in the month for a unit that arrives on the 31st', () =>
      expect(monthBasis([31], '2019-03', 'thirty-day-month')).toEqual({ positions: [], basis: 30 }));

    it('lets the last day of February stand for the positions up to 30', () =>
      // deployed 15 February 2019: calendar days 15–28, positions 15–30 (16), 28, 29, 30 all standing for the 28th
      expect(monthBasis(range(15, 28), '2019-02', 'thirty-day-month')).toEqual({
        positions: [...range(15, 28), 28, 28],
        basis: 30,
      }));

    it('pays up to the repatriation day as its position', () =>
      expect(monthBasis(range(1, 10), '2019-04', 'thirty-day-month').positions).toEqual(range(1, 10)));
  });
});
