import {
  type Allocation,
  type OutstandingClaim,
  allocateOldestFirst,
  oldestFirst,
} from '../payment/payment.allocation';
import { type Money, ZERO, minMoney, money, roundToCent, sum, usd } from '../shared/money';

export type FundCash = { mission: string; cashUsd: string };

export type PaymentRunInput = {
  runOn: string;
  /** Whether the cash pool (resolution 73/307) is in force on `runOn`. */
  pooled: boolean;
  operatingReservePct: string;
  /** Each mission fund's cash on `runOn`; a fund overdrawn (by imported legacy payments) counts as empty. */
  funds: FundCash[];
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
  availableCashUsd: string;
  reserveUsd: string;
  paidUsd: string;
  /** What each mission's own cash alone would have paid (the same rule without the pool). */
  paidWithoutPoolUsd: string;
  payments: PlannedPayment[];
  loans: PlannedLoan[];
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const reserveOf = (cash: Money, pct: string): Money => roundToCent(cash.times(pct).dividedBy(100));

const cashOf = (funds: readonly FundCash[]): Map<string, Money> =>
  new Map(funds.map((f) => [f.mission, money(f.cashUsd).greaterThan(0) ? money(f.cashUsd) : ZERO]));

/** Each mission pays its own payables, oldest first, from its own cash less its reserve. */
const withoutPool = (input: PaymentRunInput, payables: OutstandingClaim[]): Allocation[] => {
  const cash = cashOf(input.funds);
  return [...cash.keys()].sort(byText).flatMap((mission) => {
    const own = cash.get(mission)!;
    const budget = own.minus(reserveOf(own, input.operatingReservePct));
    return allocateOldestFirst(
      budget,
      payables.filter((p) => p.mission === mission),
    );
  });
};

/**
 * The quarterly payment run: which certified payables the cash on `runOn` can pay, oldest first.
 * Without the pool, each mission pays only from its own fund (less the reserve). With the pool, the
 * missions' cash (less each fund's reserve) pays the oldest payables whatever their mission; a
 * mission short of cash borrows what it lacks from the others, those with the most cash first, and each
 * borrowing is an explicit loan. Never pays more than the cash, nor more than a claim's outstanding amount.
 */
export const planPaymentRun = (input: PaymentRunInput): PaymentRunPlan => {
  const payables = input.payables
    .filter((p) => p.certifiedOn <= input.runOn && money(p.outstandingUsd).greaterThan(0))
    .sort(oldestFirst);
  const cash = cashOf(input.funds);
  const available = sum([...cash.values()]);
  const unpooled = withoutPool(input, payables);
  const paidWithoutPool = sum(unpooled.map((a) => money(a.amountUsd)));

  // the reserve is kept fund by fund, so the pool never has less to spend than the funds alone
  const reserve = sum([...cash.values()].map((c) => reserveOf(c, input.operatingReservePct)));
  let allocations = unpooled;
  const loans = new Map<string, Money>();
  if (input.pooled) {
    allocations = allocateOldestFirst(available.minus(reserve), payables);
    const left = new Map(cash);
    const missionOf = new Map(payables.map((p) => [p.claimId, p.mission]));
    for (const allocation of allocations) {
      const borrower = missionOf.get(allocation.claimId)!;
      let need = money(allocation.amountUsd);
      const own = minMoney(left.get(borrower) ?? ZERO, need);
      left.set(borrower, (left.get(borrower) ?? ZERO).minus(own));
      need = need.minus(own);
      while (need.greaterThan(0)) {
        const [lender, lenderCash] = [...left]
          .filter(([m, c]) => m !== borrower && c.greaterThan(0))
          .sort(([ma, a], [mb, b]) => b.comparedTo(a) || byText(ma, mb))[0]!;
        const lent = minMoney(lenderCash, need);
        left.set(lender, lenderCash.minus(lent));
        const key = `${lender}\u0000${borrower}`;
        loans.set(key, (loans.get(key) ?? ZERO).plus(lent));
        need = need.minus(lent);
      }
    }
  }

  return {
    pooled: input.pooled,
    availableCashUsd: usd(available),
    reserveUsd: usd(reserve),
    paidUsd: usd(sum(allocations.map((a) => money(a.amountUsd)))),
    paidWithoutPoolUsd: usd(paidWithoutPool),
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
  for (const allocation of allocations) {
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
