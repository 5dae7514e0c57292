import { monthEnds } from './month-ends';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('month ends of a backlog series', () => {
  it('gives the last day of each month, leap years included', () =>
    expect(monthEnds('2019-12', '2020-02', '2026-11-26')).toEqual([
      { month: '2019-12', asOf: '2019-12-31' },
      { month: '2020-01', asOf: '2020-01-31' },
      { month: '2020-02', asOf: '2020-02-29' },
    ]));

  it('stops the current month at today', () =>
    expect(monthEnds('2026-10', '2026-11', '2026-11-26')).toEqual([
      { month: '2026-10', asOf: '2026-10-31' },
      { month: '2026-11', asOf: '2026-11-26' },
    ]));

  it('refuses a range that ends before it starts', () =>
    expect(codeOf(() => monthEnds('2019-05', '2019-04', '2026-11-26'))).toBe('INVALID_MONTH_RANGE'));

  it('refuses a month after the current one', () =>
    expect(codeOf(() => monthEnds('2026-11', '2026-12', '2026-11-26'))).toBe('INVALID_MONTH_RANGE'));

  it('refuses more than 600 months', () =>
    expect(codeOf(() => monthEnds('1900-01', '1950-01', '2026-11-26'))).toBe('INVALID_MONTH_RANGE'));
});
