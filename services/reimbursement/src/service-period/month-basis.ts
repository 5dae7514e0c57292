import type { PartMonthRule } from '../rate-table/rate-table.events';
import { daysInMonth } from '../shared/period';

/**
 * The days a month pays for, under the part-month rule in force. Each paid position stands for one
 * calendar day (whose strength and ceiling apply); the month's pay is Σ over positions ÷ `basis`.
 *
 * - `calendar-days`: one position per calendar day served; basis = days in the month.
 * - `thirty-day-month`: every month has 30 positions, basis 30. Position p stands for calendar day
 *   min(p, last day of the month). So day 31 is never a position of its own (a unit that arrives on the
 *   31st is paid from the 1st of the next month; one that leaves on the 31st has served all 30), and
 *   in February the last day stands for positions 28/29…30 (a unit there on the 28th of a 28-day
 *   February is paid positions 28, 29 and 30).
 */
export type MonthBasis = { positions: number[]; basis: number };

export const monthBasis = (
  servedDays: readonly number[],
  period: string,
  rule: PartMonthRule,
): MonthBasis => {
  if (rule === 'calendar-days') return { positions: [...servedDays], basis: daysInMonth(period) };
  const last = daysInMonth(period);
  const served = new Set(servedDays);
  const positions: number[] = [];
  for (let p = 1; p <= 30; p++) {
    const day = Math.min(p, last);
    if (served.has(day)) positions.push(day);
  }
  return { positions, basis: 30 };
};
