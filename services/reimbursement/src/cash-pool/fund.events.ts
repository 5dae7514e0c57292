import type { AssessmentReceived, InterMissionLoanMade, InterMissionLoanRepaid } from '@coe/contracts';

// Each mission's fund receives assessment cash (stream `fund-<mission>`); borrowing from the pool is an
// explicit loan between two missions' funds (stream `loan-<loanId>`), repaid from the borrower's receipts.

export type FundEvent = { type: 'AssessmentReceived'; data: AssessmentReceived; effectiveOn: string };

export type LoanEvent =
  | {
      type: 'InterMissionLoanMade';
      data: InterMissionLoanMade & { paymentRunId: string };
      effectiveOn: string;
    }
  | { type: 'InterMissionLoanRepaid'; data: InterMissionLoanRepaid; effectiveOn: string };

export type ReceiveAssessment = { type: 'ReceiveAssessment'; data: AssessmentReceived };

export type LoanCommand =
  | { type: 'MakeLoan'; data: InterMissionLoanMade & { paymentRunId: string } }
  | { type: 'RepayLoan'; data: InterMissionLoanRepaid };

export const fundStream = (mission: string): string => `fund-${mission}`;
export const loanStream = (loanId: string): string => `loan-${loanId}`;
