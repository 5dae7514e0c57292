import { Decimal } from '@coe/platform';

export type SignatureDays = { year: number; days: number };

export type YearOfSignatures = {
  year: number;
  signed: number;
  averageDays: number;
  medianDays: number;
  maxDays: number;
};

/** Arithmetic mean rounded half-up to 2 decimals (decimal arithmetic, so 1.005 rounds to 1.01). */
export const averageOf = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('averageOf needs at least one value');
  const sum = values.reduce((total, v) => total.plus(v), new Decimal(0));
  return sum.div(values.length).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
};

/** The middle value; with an even count, the mean of the two middle values. */
export const medianOf = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('medianOf needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : new Decimal(sorted[middle - 1]!).plus(sorted[middle]!).div(2).toNumber();
};

/** CONTRACT.md 5.2: one entry per year of full signature, years ascending, years without one omitted. */
export const daysToSignatureByYear = (rows: readonly SignatureDays[]): YearOfSignatures[] => {
  const byYear = new Map<number, number[]>();
  for (const { year, days } of rows) byYear.set(year, [...(byYear.get(year) ?? []), days]);
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      signed: days.length,
      averageDays: averageOf(days),
      medianDays: medianOf(days),
      maxDays: Math.max(...days),
    }));
};
