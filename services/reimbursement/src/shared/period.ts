// Business dates are `YYYY-MM-DD`, months served `YYYY-MM`, quarters `YYYY-Qn` (calendar quarters).

export const periodOf = (date: string): string => date.slice(0, 7);

export const firstDayOf = (period: string): string => `${period}-01`;

export const daysInMonth = (period: string): number => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
};

export const lastDayOf = (period: string): string =>
  `${period}-${String(daysInMonth(period)).padStart(2, '0')}`;

const QUARTER = /^(\d{4})-Q([1-4])$/;

export const isQuarter = (value: string): boolean => QUARTER.test(value);

/** `2019-Q3` -> `['2019-07-01', '2019-09-30']`. */
export const quarterBounds = (quarter: string): [string, string] => {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`Not a quarter: ${quarter}`);
  const year = match[1]!;
  const first = (Number(match[2]) - 1) * 3 + 1;
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  return [firstDayOf(month(first)), lastDayOf(month(first + 2))];
};

export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
