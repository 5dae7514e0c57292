import {
  type Allocation,
  type OutstandingClaim,
  allocateOldestFirst,
  oldestFirst,
} from '../payment/payment.allocation';
import { type Money, ZERO, minMoney, money, roundToCent, sum, usd } from '../shared/money';

export type FundCash = {
  mission: string;
  /**
   * The cash the run may count on: the fund's lowest balance on or after `runOn` as recorded when the run
   * is planned (a payment recorded earlier but dated later already took its cash). Negative: overdrawn.
   */
  cashUsd: string;
  /** Whether the mission takes part in the pool (only active missions do, resolution 73/307). */
  pools: boolean;
};

export type PaymentRunInput = {
  runOn: string;
  /** Whether the cash pool (resolution 73/307) is in force on `runOn`. */
  pooled: boolean;
  operatingReservePct: string;
  funds: FundCash[];
  /** What is owed, claim by claim, after credits (payable.credits.ts). */
  payables: OutstandingClaim[];
};

export type PlannedPayment = {
  mission: string;
  contributor: string;
  amountUsd: string;
  allocations: Allocation[];
};
export type PlannedLoan = { lenderMission: string; borrowerMission: string; amountUsd: string };

export type PaymentRunPlan = {
  pooled: boolean;
  /** The funds' cash summed as it is, an overdrawn fund counting with its negative balance. */
  availableCashUsd: string;
  reserveUsd: string;
  paidUsd: string;
  /** What each mission's own cash alone would have paid (the same rule without the pool). */
  paidWithoutPoolUsd: string;
  payments: PlannedPayment[];
  loans: PlannedLoan[];
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The reserve a fund keeps: the percentage of its cash, rounded half-up to the cent; none when overdrawn. */
export const reserveOf = (cash: Money, pct: string): Money =>
  cash.greaterThan(0) ? roundToCent(cash.times(pct).dividedBy(100)) : ZERO;

/** What a fund may spend or lend: its cash above its own reserve, nothing when overdrawn. */
export const spareOf = (cash: Money, pct: string): Money =>
  cash.greaterThan(0) ? cash.minus(reserveOf(cash, pct)) : ZERO;

/** Each mission pays its own payables, oldest first, from its own cash above its reserve. */
const ownCashOnly = (spare: ReadonlyMap<string, Money>, payables: OutstandingClaim[]): Allocation[] =>
  [...spare.keys()].sort(byText).flatMap((mission) =>
    allocateOldestFirst(
      spare.get(mission)!,
      payables.filter((p) => p.mission === mission),
    ),
  );

/**
 * The quarterly payment run: which payables the cash on `runOn` can pay, oldest first (certified date,
 * period, reference). Each fund keeps its own operating reserve (resolution 73/307; DOMAIN.md): a fund
 * spends or lends only its cash above its reserve. Without the pool, each mission pays only from its own
 * fund. With it, the pooling (active) missions' spare cash pays their oldest payables whatever their
 * mission: a borrower first spends its own spare cash, then borrows from the pooling lenders with the most
 * spare cash left, each borrowing an explicit loan; a lender is never drawn below its reserve. A mission
 * that does not pool (closing or closed) pays from its own spare cash only, neither lending nor
 * borrowing; what it cannot pay stays owed. A mission with payables and no fund pools with nothing.
 */
export const planPaymentRun = (input: PaymentRunInput): PaymentRunPlan => {
  const pct = input.operatingReservePct;
  const payables = input.payables
    .filter((p) => p.certifiedOn <= input.runOn && money(p.outstandingUsd).greaterThan(0))
    .sort(oldestFirst);
  const spare = new Map(input.funds.map((f) => [f.mission, spareOf(money(f.cashUsd), pct)]));
  const pools = new Map(input.funds.map((f) => [f.mission, f.pools]));
  const unpooled = ownCashOnly(spare, payables);

  let allocations = unpooled;
  const loans = new Map<string, Money>();
  if (input.pooled) {
    const pooling = (mission: string) => pools.get(mission) ?? true;
    const alone = new Map([...spare].filter(([m]) => !pooling(m)));
    const inPool = new Map([...spare].filter(([m]) => pooling(m)));
    const pooledPayables = payables.filter((p) => pooling(p.mission));
    const pooledAllocations = allocateOldestFirst(sum([...inPool.values()]), pooledPayables);
    allocations = [
      ...pooledAllocations,
      ...ownCashOnly(
        alone,
        payables.filter((p) => !pooling(p.mission)),
      ),
    ];
    // each mission first pays its share from its own spare cash; only what it still lacks is borrowed,
    // so no mission both lends and borrows in one run
    const missionOf = new Map(payables.map((p) => [p.claimId, p.mission]));
    const share = new Map<string, Money>();
    for (const a of pooledAllocations) {
      const mission = missionOf.get(a.claimId)!;
      share.set(mission, (share.get(mission) ?? ZERO).plus(a.amountUsd));
    }
    const left = new Map(
      [...inPool].map(([m, spareCash]) => [m, spareCash.minus(minMoney(spareCash, share.get(m) ?? ZERO))]),
    );
    // borrowers in the order of their oldest payable paid
    for (const [borrower, owed] of share) {
      let need = owed.minus(minMoney(inPool.get(borrower) ?? ZERO, owed));
      while (need.greaterThan(0)) {
        const [lender, lenderSpare] = [...left]
          .filter(([m, c]) => m !== borrower && c.greaterThan(0))
          .sort(([ma, a], [mb, b]) => b.comparedTo(a) || byText(ma, mb))[0]!;
        const lent = minMoney(lenderSpare, need);
        left.set(lender, lenderSpare.minus(lent));
        const key = `${lender}\u0000${borrower}`;
        loans.set(key, (loans.get(key) ?? ZERO).plus(lent));
        need = need.minus(lent);
      }
    }
  }

  return {
    pooled: input.pooled,
    availableCashUsd: usd(sum(input.funds.map((f) => money(f.cashUsd)))),
    reserveUsd: usd(sum(input.funds.map((f) => reserveOf(money(f.cashUsd), pct)))),
    paidUsd: usd(sum(allocations.map((a) => money(a.amountUsd)))),
    paidWithoutPoolUsd: usd(sum(unpooled.map((a) => money(a.amountUsd)))),
    payments: paymentsOf(allocations, payables),
    loans: [...loans]
      .map(([key, amount]) => {
        const [lenderMission, borrowerMission] = key.split('\u0000') as [string, string];
        return { lenderMission, borrowerMission, amountUsd: usd(amount) };
      })
      .sort(
        (a, b) => byText(a.lenderMission, b.lenderMission) || byText(a.borrowerMission, b.borrowerMission),
      ),
  };
};

/** One payment per mission and contributor, its allocations oldest first. */
const paymentsOf = (allocations: Allocation[], payables: OutstandingClaim[]): PlannedPayment[] => {
  const claims = new Map(payables.map((p) => [p.claimId, p]));
  const payments = new Map<string, PlannedPayment>();
  for (const allocation of [...allocations].sort((a, b) =>
    oldestFirst(claims.get(a.claimId)!, claims.get(b.claimId)!),
  )) {
    const { mission, contributor } = claims.get(allocation.claimId)!;
    const key = `${mission}\u0000${contributor}`;
    const payment = payments.get(key) ?? { mission, contributor, amountUsd: '0.00', allocations: [] };
    payment.allocations.push(allocation);
    payment.amountUsd = usd(money(payment.amountUsd).plus(allocation.amountUsd));
    payments.set(key, payment);
  }
  return [...payments.values()].sort(
    (a, b) => byText(a.mission, b.mission) || byText(a.contributor, b.contributor),
  );
};
