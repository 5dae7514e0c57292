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
/** Certified amounts of one contributor and component (a claim's lines, else its category). */
export type CertifiedByCategory = { contributor: string; category: string; certifiedUsd: string };

/** Certified amounts by category, in the order of CONTRACT.md 4.2's `category` column, nil ones left out. */
export type ByCategory = Partial<Record<string, string>>;

const CATEGORIES = [
  'personnel',
  'major_equipment',
  'self_sustainment',
  'letter_of_assist',
  'death_and_disability',
];

export const byCategory = (rows: readonly CertifiedByCategory[]): ByCategory => {
  const order = (c: string) => (CATEGORIES.includes(c) ? CATEGORIES.indexOf(c) : CATEGORIES.length);
  const categories = [...new Set(rows.map((r) => r.category))].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  return Object.fromEntries(
    categories.map((category) => [
      category,
      formatUsd(
        rows
          .filter((r) => r.category === category)
          .reduce((sum, r) => sum.plus(r.certifiedUsd), new Decimal(0)),
      ),
    ]),
  );
};

export type ContributorPayables = {
  contributor: string;
  certified: string;
  paid: string;
  outstanding: string;
  aging: Aging;
  /** `certified` split by component: personnel, major_equipment, self_sustainment, … */
  certifiedByCategory: ByCategory;
};

export type PayablesReport = {
  asOf: string;
  currency: 'USD';
  certified: string;
  paid: string;
  outstanding: string;
  certifiedByCategory: ByCategory;
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
  categories: readonly CertifiedByCategory[] = [],
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
    certifiedByCategory: byCategory(
      categories.filter((r) => contributors.some((c) => c.contributor === r.contributor)),
    ),
    contributors: contributors.map((c) => ({
      contributor: c.contributor,
      certified: formatUsd(c.certified),
      paid: formatUsd(c.paid),
      outstanding: formatUsd(c.outstanding),
      aging: agingOf(c.own),
      certifiedByCategory: byCategory(categories.filter((r) => r.contributor === c.contributor)),
    })),
  };
};
