import Decimal from 'decimal.js';

// THE rule of credits, stated once for every reader of reimbursement's facts: the payment run and the
// payments import (reimbursement), the payables report and the contributor statement (projections).
// It lives beside the published shapes because it says what ClaimCertified and PaymentMade add up to.

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

export type UnusedCredit = { mission: string; contributor: string; creditUsd: string };

export type NetPayables<T extends PayableBalance> = {
  /** Every payable with a positive balance, what is owed on it once credits are offset (may be `0.00`). */
  payables: T[];
  /** Per mission and contributor, credits no payable has absorbed yet (positive amounts). */
  credits: UnusedCredit[];
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
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const payables: T[] = [];
  const credits: UnusedCredit[] = [];
  for (const group of [...groups.values()]) {
    let credit = group
      .filter((b) => new Decimal(b.outstandingUsd).isNegative())
      .reduce((sum, b) => sum.minus(b.outstandingUsd), new Decimal(0));
    for (const b of group
      .filter((g) => new Decimal(g.outstandingUsd).greaterThan(0))
      .sort(oldestPayableFirst)) {
      const offset = Decimal.min(credit, b.outstandingUsd);
      credit = credit.minus(offset);
      payables.push({ ...b, outstandingUsd: new Decimal(b.outstandingUsd).minus(offset).toFixed(2) });
    }
    if (credit.greaterThan(0)) {
      const { mission, contributor } = group[0]!;
      credits.push({ mission, contributor, creditUsd: credit.toFixed(2) });
    }
  }
  payables.sort(oldestPayableFirst);
  credits.sort((a, b) => text(a.mission, b.mission) || text(a.contributor, b.contributor));
  return { payables, credits };
};
