import { minMoney, money, usd } from '../shared/money';

export type OutstandingLoan = {
  loanId: string;
  lenderMission: string;
  borrowerMission: string;
  lentOn: string;
  outstandingUsd: string;
};

/**
 * Resolution 73/307: a borrowing mission repays the pool from its later receipts. An assessment received
 * repays the mission's loans made on or before that day, oldest first, as far as the receipt goes.
 */
export const repaymentsFrom = (
  receipt: { mission: string; amountUsd: string; receivedOn: string },
  loans: readonly OutstandingLoan[],
): { loanId: string; amountUsd: string }[] => {
  let left = money(receipt.amountUsd);
  const due = loans
    .filter((l) => l.borrowerMission === receipt.mission && l.lentOn <= receipt.receivedOn)
    .filter((l) => money(l.outstandingUsd).greaterThan(0))
    .sort((a, b) => (a.lentOn < b.lentOn ? -1 : a.lentOn > b.lentOn ? 1 : a.loanId < b.loanId ? -1 : 1));
  const repayments: { loanId: string; amountUsd: string }[] = [];
  for (const loan of due) {
    if (!left.greaterThan(0)) break;
    const amount = minMoney(left, money(loan.outstandingUsd));
    repayments.push({ loanId: loan.loanId, amountUsd: usd(amount) });
    left = left.minus(amount);
  }
  return repayments;
};
