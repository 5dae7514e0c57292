import { type PayableBalance, offsetCredits } from '@coe/payables';
import { Decimal, formatUsd } from '@coe/platform';
import { type Aging, agingOf } from './payables.aging';

/** A claim certified by `asOf`: its amount, and its balance after the payments made by `asOf` (before credits). */
export type ClaimBalance = PayableBalance & {
  category: string;
  amountUsd: string;
  settledUsd: string;
  ageDays: number;
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

export type PayablesFigures = {
  certified: string;
  paid: string;
  /** certified − paid (CONTRACT.md 5.3) = owed − credits. */
  outstanding: string;
  /** Credits (downward adjustments) no payable of their mission has absorbed yet. */
  credits: string;
  /** What the payables of each mission come to once credits are offset: what runs have yet to pay. */
  owed: string;
};

export type ContributorPayables = { contributor: string } & PayablesFigures & {
    aging: Aging;
    /** `certified` split by component: personnel, major_equipment, self_sustainment, … */
    certifiedByCategory: ByCategory;
  };

export type PayablesReport = {
  asOf: string;
  currency: 'USD';
  certifiedByCategory: ByCategory;
  contributors: ContributorPayables[];
} & PayablesFigures;

/** A claim with what is owed on it after credits (`owedUsd`): the same rule as the payment run's. */
export type OwedClaim = ClaimBalance & { owedUsd: string };

/**
 * Credits offset by the one rule (@coe/payables offsetCredits): every claim with what is owed on it;
 * credits themselves and settled claims owe nothing, and the unused credits per mission and contributor.
 */
export const owedClaims = (claims: readonly ClaimBalance[]) => {
  const { payables, credits } = offsetCredits(claims);
  const owed = new Map(payables.map((p) => [p.claimId, p.outstandingUsd]));
  return {
    claims: claims.map((c): OwedClaim => ({ ...c, owedUsd: owed.get(c.claimId) ?? '0.00' })),
    credits,
  };
};

const zero = new Decimal(0);
const total = <T>(items: readonly T[], pick: (t: T) => Decimal.Value) =>
  items.reduce((sum, i) => sum.plus(pick(i)), zero);

/** The figures of a set of claims (of one contributor, or of a mission or category of it). */
export const figuresOf = (
  claims: readonly OwedClaim[],
  credits: readonly { creditUsd: string }[],
  paid: Decimal.Value,
): PayablesFigures => {
  const certified = total(claims, (c) => c.amountUsd);
  return {
    certified: formatUsd(certified),
    paid: formatUsd(paid),
    outstanding: formatUsd(certified.minus(paid)),
    credits: formatUsd(total(credits, (c) => c.creditUsd)),
    owed: formatUsd(total(claims, (c) => c.owedUsd)),
  };
};

/** What one contributor is owed once credits are offset, the credits left, and the owed by age. */
export type ContributorOwed = { contributor: string; creditsUsd: string; owedUsd: string; aging: Aging };
export type CertifiedByContributor = { contributor: string; certifiedUsd: string };

/**
 * The sums a payables report is made of, as of a date: certified and paid per contributor with something
 * certified by then, what is owed per contributor with a payable or a credit, certified by component.
 */
export type PayablesSums = {
  certified: CertifiedByContributor[];
  paid: PaidByContributor[];
  owed: ContributorOwed[];
  categories: CertifiedByCategory[];
};

/** The sums of claim balances, credits offset here by the one rule (offsetCredits). */
export const sumsOfBalances = (
  balances: readonly ClaimBalance[],
  paid: readonly PaidByContributor[],
  categories: readonly CertifiedByCategory[] = [],
): PayablesSums => {
  const { claims, credits } = owedClaims(balances);
  const contributors = [...new Set(claims.map((c) => c.contributor))];
  return {
    certified: contributors.map((contributor) => ({
      contributor,
      certifiedUsd: formatUsd(
        total(
          claims.filter((c) => c.contributor === contributor),
          (c) => c.amountUsd,
        ),
      ),
    })),
    paid: [...paid],
    owed: contributors.map((contributor) => {
      const own = claims.filter((c) => c.contributor === contributor);
      return {
        contributor,
        creditsUsd: formatUsd(
          total(
            credits.filter((c) => c.contributor === contributor),
            (c) => c.creditUsd,
          ),
        ),
        owedUsd: formatUsd(total(own, (c) => c.owedUsd)),
        aging: agingOf(own.map((c) => ({ ageDays: c.ageDays, outstandingUsd: c.owedUsd }))),
      };
    }),
    categories: [...categories],
  };
};

/**
 * CONTRACT.md 5.3: per contributor with something certified by `asOf`, certified − paid, aged by claim
 * on what is owed once credits are offset; sorted by outstanding (largest first), then contributor code.
 * Totals are the rows' sums.
 */
export const payablesReportOf = (
  asOf: string,
  { certified, paid, owed, categories }: PayablesSums,
): PayablesReport => {
  const paidBy = new Map(paid.map((p) => [p.contributor, p.paidUsd]));
  const owedBy = new Map(owed.map((o) => [o.contributor, o]));
  const categoriesBy = new Map<string, CertifiedByCategory[]>();
  for (const r of categories)
    categoriesBy.set(r.contributor, [...(categoriesBy.get(r.contributor) ?? []), r]);
  const listed = new Set(certified.map((c) => c.contributor));
  const contributors = certified
    .map(({ contributor, certifiedUsd }): ContributorPayables => {
      const own = owedBy.get(contributor);
      const paidUsd = new Decimal(paidBy.get(contributor) ?? 0);
      return {
        contributor,
        certified: formatUsd(new Decimal(certifiedUsd)),
        paid: formatUsd(paidUsd),
        outstanding: formatUsd(new Decimal(certifiedUsd).minus(paidUsd)),
        credits: formatUsd(new Decimal(own?.creditsUsd ?? 0)),
        owed: formatUsd(new Decimal(own?.owedUsd ?? 0)),
        aging: own?.aging ?? agingOf([]),
        certifiedByCategory: byCategory(categoriesBy.get(contributor) ?? []),
      };
    })
    .sort(
      (a, b) =>
        new Decimal(b.outstanding).comparedTo(a.outstanding) || (a.contributor < b.contributor ? -1 : 1),
    );
  const sum = (pick: keyof PayablesFigures) => formatUsd(total(contributors, (c) => c[pick]));
  return {
    asOf,
    currency: 'USD',
    certified: sum('certified'),
    paid: sum('paid'),
    outstanding: sum('outstanding'),
    credits: sum('credits'),
    owed: sum('owed'),
    certifiedByCategory: byCategory(categories.filter((r) => listed.has(r.contributor))),
    contributors,
  };
};

/** The report of claim balances (each claim, or the settled ones folded), credits offset by offsetCredits. */
export const payablesReport = (
  asOf: string,
  balances: readonly ClaimBalance[],
  paid: readonly PaidByContributor[],
  categories: readonly CertifiedByCategory[] = [],
): PayablesReport => payablesReportOf(asOf, sumsOfBalances(balances, paid, categories));
