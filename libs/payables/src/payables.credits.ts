import Decimal from 'decimal.js';

// THE rule of credits, stated once for every reader of reimbursement's facts: the payment run and the
// payments import (reimbursement), the payables report and the contributor statement (projections).
// A lib of its own (not the shapes-only contracts): it says what ClaimCertified and PaymentMade add up to.

/** A certified payable with what is left on it: amount less what payments settled (negative for a credit). */
export type PayableBalance = {
  claimId: string;
  claimRef: string;
  mission: string;
  contributor: string;
  period: string;
  certifiedOn: string;
  /** Decimal string, 2 decimals. */
  outstandingUsd: string;
};

export type NetPayables<T extends PayableBalance> = {
  /** Every payable with a positive balance, what is owed on it once credits are offset (may be `0.00`). */
  payables: T[];
  /** Every credit with what no payable has absorbed yet (`creditUsd`, positive); used-up credits omitted. */
  credits: (T & { creditUsd: string })[];
};

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first: by certification date, then the month served, then the reference. */
export const oldestPayableFirst = (a: PayableBalance, b: PayableBalance): number =>
  text(a.certifiedOn, b.certifiedOn) || text(a.period, b.period) || text(a.claimRef, b.claimRef);

/**
 * A certified negative amount (a downward adjustment certified after its claim, paid or not) is a credit
 * of the contributor. Credits offset the same contributor's payables in the same mission, oldest first,
 * whatever their certification date (a credit waiting for a payable is offset by the next one certified);
 * never another mission's, never another contributor's. What no payable absorbs stays a credit.
 * Pure: the caller decides which payables and payments count (certified and paid on or before its date).
 */
export const offsetCredits = <T extends PayableBalance>(balances: readonly T[]): NetPayables<T> => {
  const groups = new Map<string, T[]>();
  for (const b of balances) {
    const key = `${b.mission}\u0000${b.contributor}`;
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    group.push(b);
  }
  const payables: T[] = [];
  const credits: (T & { creditUsd: string })[] = [];
  for (const group of groups.values()) {
    // the oldest credit is used first, so what stays unused is the latest
    const left = group
      .filter((b) => new Decimal(b.outstandingUsd).isNegative())
      .sort(oldestPayableFirst)
      .map((b) => ({ credit: b, left: new Decimal(b.outstandingUsd).negated() }));
    for (const b of group
      .filter((g) => new Decimal(g.outstandingUsd).greaterThan(0))
      .sort(oldestPayableFirst)) {
      let owed = new Decimal(b.outstandingUsd);
      for (const c of left) {
        const offset = Decimal.min(c.left, owed);
        c.left = c.left.minus(offset);
        owed = owed.minus(offset);
      }
      payables.push({ ...b, outstandingUsd: owed.toFixed(2) });
    }
    for (const c of left)
      if (c.left.greaterThan(0)) credits.push({ ...c.credit, creditUsd: c.left.toFixed(2) });
  }
  payables.sort(oldestPayableFirst);
  credits.sort(oldestPayableFirst);
  return { payables, credits };
};
