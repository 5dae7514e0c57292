import { Decimal, formatUsd } from '@coe/platform';
import { type Aging, agingOf } from './payables.aging';

/** Claims certified by `asOf` grouped by contributor and age, with what payments up to `asOf` left owed. */
export type ClaimsByAge = {
  contributor: string;
  ageDays: number;
  certifiedUsd: string;
  outstandingUsd: string;
};
export type PaidByContributor = { contributor: string; paidUsd: string };

export type ContributorPayables = {
  contributor: string;
  certified: string;
  paid: string;
  outstanding: string;
  aging: Aging;
};

export type PayablesReport = {
  asOf: string;
  currency: 'USD';
  certified: string;
  paid: string;
  outstanding: string;
  contributors: ContributorPayables[];
};

/**
 * CONTRACT.md 5.3: per contributor with something certified by `asOf`, certified − paid, aged by claim;
 * sorted by outstanding (largest first), then contributor code. Totals are the rows' sums.
 */
export const payablesReport = (
  asOf: string,
  claims: readonly ClaimsByAge[],
  paid: readonly PaidByContributor[],
): PayablesReport => {
  const contributors = [...new Set(claims.map((c) => c.contributor))].map((contributor) => {
    const own = claims.filter((c) => c.contributor === contributor);
    const certified = own.reduce((sum, c) => sum.plus(c.certifiedUsd), new Decimal(0));
    const paidUsd = new Decimal(paid.find((p) => p.contributor === contributor)?.paidUsd ?? 0);
    return { contributor, certified, paid: paidUsd, outstanding: certified.minus(paidUsd), own };
  });
  contributors.sort(
    (a, b) => b.outstanding.comparedTo(a.outstanding) || (a.contributor < b.contributor ? -1 : 1),
  );
  const total = (pick: (c: (typeof contributors)[number]) => Decimal) =>
    formatUsd(contributors.reduce((sum, c) => sum.plus(pick(c)), new Decimal(0)));
  return {
    asOf,
    currency: 'USD',
    certified: total((c) => c.certified),
    paid: total((c) => c.paid),
    outstanding: total((c) => c.outstanding),
    contributors: contributors.map((c) => ({
      contributor: c.contributor,
      certified: formatUsd(c.certified),
      paid: formatUsd(c.paid),
      outstanding: formatUsd(c.outstanding),
      aging: agingOf(c.own),
    })),
  };
};
