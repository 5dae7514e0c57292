import { Decimal, formatUsd } from '@coe/platform';

export const AGING_BUCKETS = ['0-90', '91-180', '181-365', 'over-365'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = Record<AgingBucket, string>;

// the oldest age in days of each bucket but the last: stated once for agingBucket and agingBucketSql
const UP_TO: readonly (readonly [number, AgingBucket])[] = [
  [90, '0-90'],
  [180, '91-180'],
  [365, '181-365'],
];

/** CONTRACT.md 5.3: the age of a claim is `asOf − certifiedOn` in days. */
export const agingBucket = (ageDays: number): AgingBucket => {
  if (!Number.isInteger(ageDays) || ageDays < 0) throw new RangeError(`Not an age in days: ${ageDays}`);
  return UP_TO.find(([days]) => ageDays <= days)?.[1] ?? 'over-365';
};

/** agingBucket in SQL, of the integer expression `ageDays` (never negative where reports use it). */
export const agingBucketSql = (ageDays: string): string =>
  `case ${UP_TO.map(([days, bucket]) => `when ${ageDays} <= ${days} then '${bucket}'`).join(' ')} else 'over-365' end`;

/** What is still owed on each claim, split by the claim's age; every bucket present, in decimal. */
export const agingOf = (remainders: readonly { ageDays: number; outstandingUsd: Decimal.Value }[]): Aging => {
  const sums = new Map<AgingBucket, Decimal>(AGING_BUCKETS.map((b) => [b, new Decimal(0)]));
  for (const { ageDays, outstandingUsd } of remainders) {
    const bucket = agingBucket(ageDays);
    sums.set(bucket, sums.get(bucket)!.plus(outstandingUsd));
  }
  return Object.fromEntries(AGING_BUCKETS.map((b) => [b, formatUsd(sums.get(b)!)])) as Aging;
};
