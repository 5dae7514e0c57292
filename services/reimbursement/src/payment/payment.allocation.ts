import { type Money, minMoney, money, sum, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';

/** A certified claim with what remains to be paid on it. */
export type OutstandingClaim = {
  claimId: string;
  claimRef: string;
  mission: string;
  contributor: string;
  period: string;
  certifiedOn: string;
  outstandingUsd: string;
};

export type Allocation = { claimId: string; claimRef: string; amountUsd: string };

const codeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first: by certification date, then the month served, then the claim reference. */
export const oldestFirst = (a: OutstandingClaim, b: OutstandingClaim): number =>
  codeUnits(a.certifiedOn, b.certifiedOn) ||
  codeUnits(a.period, b.period) ||
  codeUnits(a.claimRef, b.claimRef);

/** Spends `amount` on claims oldest first, the last one possibly in part. */
export const allocateOldestFirst = (amount: Money, claims: readonly OutstandingClaim[]): Allocation[] => {
  const allocations: Allocation[] = [];
  let left = amount;
  for (const claim of [...claims].sort(oldestFirst)) {
    if (!left.greaterThan(0)) break;
    const outstanding = money(claim.outstandingUsd);
    if (!outstanding.greaterThan(0)) continue;
    const paid = minMoney(left, outstanding);
    allocations.push({ claimId: claim.claimId, claimRef: claim.claimRef, amountUsd: usd(paid) });
    left = left.minus(paid);
  }
  return allocations;
};

export type PaymentToAllocate = {
  mission: string;
  contributor: string;
  amountUsd: string;
  paidOn: string;
  /** The claim the payment settles, when it names one. */
  claimRef: string | null;
};

/**
 * CONTRACT.md 4.3: a payment naming a claim settles that claim (same mission and contributor, certified on
 * or before the payment); otherwise the payee's outstanding claims oldest first. Only claims certified on
 * or before `paidOn` can be settled; a payment larger than what it may settle is an OVERPAYMENT.
 */
export const allocatePayment = (
  payment: PaymentToAllocate,
  claims: readonly OutstandingClaim[],
): Allocation[] => {
  const amount = money(payment.amountUsd);
  if (payment.claimRef !== null) {
    const claim = claims.find((c) => c.claimRef === payment.claimRef);
    if (!claim) return fail('UNKNOWN_CLAIM', `No certified claim ${payment.claimRef}.`);
    if (claim.mission !== payment.mission || claim.contributor !== payment.contributor) {
      fail('CLAIM_OF_OTHER_PAYEE', `${claim.claimRef} is owed by ${claim.mission} to ${claim.contributor}.`);
    }
    if (claim.certifiedOn > payment.paidOn) {
      fail('CLAIM_CERTIFIED_AFTER_PAYMENT', `${claim.claimRef} was certified on ${claim.certifiedOn}.`);
    }
    if (amount.greaterThan(claim.outstandingUsd)) {
      fail('OVERPAYMENT', `${claim.claimRef} has ${claim.outstandingUsd} outstanding.`);
    }
    return [{ claimId: claim.claimId, claimRef: claim.claimRef, amountUsd: usd(amount) }];
  }
  const payable = claims.filter(
    (c) =>
      c.mission === payment.mission &&
      c.contributor === payment.contributor &&
      c.certifiedOn <= payment.paidOn,
  );
  const settleable = sum(payable.map((c) => money(c.outstandingUsd)).filter((o) => o.greaterThan(0)));
  if (amount.greaterThan(settleable)) {
    fail('OVERPAYMENT', `Only ${usd(settleable)} certified on or before ${payment.paidOn} is outstanding.`);
  }
  return allocateOldestFirst(amount, payable);
};
