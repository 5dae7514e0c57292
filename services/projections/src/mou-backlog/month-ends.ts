import { ProjectionsError } from '../projections.errors';

export type MonthPoint = { month: string; asOf: string };

// A chart of 50 years of month ends is plenty; more is a mistake or an attack.
export const MAX_MONTHS = 600;

const monthIndex = (period: string): number => {
  const [year, month] = period.split('-').map(Number);
  return year! * 12 + (month! - 1);
};

const lastDayOf = (index: number): string => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * The points of a backlog chart: the last day of each month from `from` to `to` (`YYYY-MM`, inclusive);
 * the current month's point is today, and a month after today's is refused.
 */
export const monthEnds = (from: string, to: string, today: string): MonthPoint[] => {
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (first > last) throw new ProjectionsError('INVALID_MONTH_RANGE', '`from` must not be after `to`.');
  if (last > monthIndex(today.slice(0, 7)))
    throw new ProjectionsError('INVALID_MONTH_RANGE', '`to` must not be after the current month.');
  if (last - first + 1 > MAX_MONTHS)
    throw new ProjectionsError('INVALID_MONTH_RANGE', `At most ${MAX_MONTHS} months at a time.`);
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const end = lastDayOf(first + i);
    return { month: end.slice(0, 7), asOf: end < today ? end : today };
  });
};
