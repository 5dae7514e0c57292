import { Decimal, formatUsd } from '@coe/platform';

export type FundMovements = {
  mission: string;
  receivedUsd: string;
  paidUsd: string;
  lentUsd: string;
  borrowedUsd: string;
  repaidToItUsd: string;
  repaidByItUsd: string;
};

export type MissionStatusOn = { mission: string; status: 'active' | 'closing' | 'closed'; since: string };

export type FundPosition = {
  mission: string;
  /** On `asOf`; a mission never recorded is active. */
  status: 'active' | 'closing' | 'closed';
  /** Assessments received. */
  received: string;
  paidToContributors: string;
  /** Lent to other missions and not yet repaid. */
  lent: string;
  /** Borrowed from other missions and not yet repaid. */
  borrowed: string;
  cash: string;
};

export type ReserveSource =
  | { source: 'payment-run'; runId: string; quarter: string; executedOn: string }
  | { source: 'config' };

export type CashPoolReport = {
  asOf: string;
  currency: 'USD';
  funds: FundPosition[];
  /** The cash of the missions not closed: a closed mission's account is no longer part of the pool. */
  pool: { cash: string };
  /** Closed missions whose fund is overdrawn: liabilities they cannot pay (A/74/574, A/75/619). */
  closedMissionsWithCashDeficit: { mission: string; closedOn: string; cash: string }[];
  reserve: { amount: string } & ReserveSource;
  outstandingPayables: string;
  nextRun: { availableAfterReserve: string; couldPay: string };
};

/**
 * Resolution 73/307: each mission keeps its fund, the pool is their sum, and borrowing is an explicit loan.
 * A fund's cash = received − paid − lent + borrowed + repaid to it − repaid by it; loans cancel out in
 * the pool. The next quarterly run could pay the funds' cash above the reserve, at most what is owed; an
 * overdrawn fund shows its negative cash (the pool's total counts it) but adds nothing the run can spend.
 */
export const cashPoolReport = (
  asOf: string,
  movements: readonly FundMovements[],
  reserve: { amountUsd: string } & ReserveSource,
  outstandingPayablesUsd: Decimal.Value,
  statuses: readonly MissionStatusOn[] = [],
): CashPoolReport => {
  const statusOf = (mission: string) => statuses.find((s) => s.mission === mission);
  const funds = [...movements]
    .sort((a, b) => (a.mission < b.mission ? -1 : a.mission > b.mission ? 1 : 0))
    .map((m) => {
      const d = (v: string) => new Decimal(v);
      const lent = d(m.lentUsd).minus(m.repaidToItUsd);
      const borrowed = d(m.borrowedUsd).minus(m.repaidByItUsd);
      const cash = d(m.receivedUsd).minus(m.paidUsd).minus(lent).plus(borrowed);
      const status = statusOf(m.mission);
      return {
        ...{ mission: m.mission, status: status?.status ?? ('active' as const), since: status?.since },
        ...{ received: d(m.receivedUsd), paid: d(m.paidUsd), lent, borrowed, cash },
      };
    });
  const poolCash = funds
    .filter((f) => f.status !== 'closed')
    .reduce((sum, f) => sum.plus(f.cash), new Decimal(0));
  // as the payment run counts: an overdrawn fund lends and spends nothing, so it cannot lower the others'
  const usable = funds.reduce((sum, f) => sum.plus(Decimal.max(f.cash, 0)), new Decimal(0));
  const available = Decimal.max(usable.minus(reserve.amountUsd), 0);
  const owed = Decimal.max(new Decimal(outstandingPayablesUsd), 0);
  const { amountUsd, ...source } = reserve;
  return {
    asOf,
    currency: 'USD',
    funds: funds.map((f) => ({
      mission: f.mission,
      status: f.status,
      received: formatUsd(f.received),
      paidToContributors: formatUsd(f.paid),
      lent: formatUsd(f.lent),
      borrowed: formatUsd(f.borrowed),
      cash: formatUsd(f.cash),
    })),
    pool: { cash: formatUsd(poolCash) },
    closedMissionsWithCashDeficit: funds
      .filter((f) => f.status === 'closed' && f.cash.isNegative())
      .map((f) => ({ mission: f.mission, closedOn: f.since!, cash: formatUsd(f.cash) })),
    reserve: { amount: formatUsd(amountUsd), ...source },
    outstandingPayables: formatUsd(owed),
    nextRun: {
      availableAfterReserve: formatUsd(available),
      couldPay: formatUsd(Decimal.min(available, owed)),
    },
  };
};
