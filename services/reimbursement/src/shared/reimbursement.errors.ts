import { DomainError } from '@coe/platform';

/** Every code the reimbursement domain raises; `reimbursement.http.errors.ts` maps each to a status. */
export type ReimbursementErrorCode =
  // rate tables
  | 'RATE_TABLE_KIND_MISMATCH'
  | 'DUPLICATE_RATE_ENTRY'
  | 'RATE_TABLE_NOT_FOUND'
  | 'RATE_NOT_IN_FORCE'
  // MOU terms and verification reports
  | 'MOU_TERMS_NOT_FOUND'
  | 'VERIFICATION_REPORT_EXISTS'
  | 'VERIFICATION_REPORT_NOT_FOUND'
  | 'VERIFICATION_REPORT_INCOMPLETE'
  | 'UNKNOWN_ANNEX_B_LINE'
  | 'UNKNOWN_ANNEX_C_CATEGORY'
  | 'DUPLICATE_REPORT_ENTRY'
  | 'INVALID_DAYS_SERVED'
  | 'REPORT_BEFORE_PERIOD'
  // claims and payables
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_EXISTS'
  | 'CLAIM_ALREADY_CERTIFIED'
  | 'CLAIM_NOT_ADJUSTABLE'
  | 'NOTHING_TO_ADJUST'
  | 'NOTHING_TO_CERTIFY'
  | 'FOUR_EYES_REQUIRED'
  | 'DATED_BEFORE_PREPARATION'
  | 'PERIOD_AFTER_PREPARATION'
  // funds, loans, payment runs
  | 'LOAN_OVERREPAID'
  | 'PAYMENT_RUN_NOT_FOUND'
  | 'PAYMENT_RUN_EXISTS'
  | 'PAYMENT_RUN_NOT_PROPOSED'
  | 'PAYMENT_DATE_OUTSIDE_QUARTER'
  | 'PAYMENT_RUN_OUT_OF_ORDER'
  | 'PAYMENT_RUN_STALE'
  | 'APPROVED_BEFORE_PROPOSED'
  | 'NOTHING_TO_PAY'
  | 'MISSION_STATUS_OUT_OF_ORDER'
  | 'MISSION_CLOSED'
  // legacy imports (row codes, CONTRACT.md 4.2 and 4.3)
  | 'CONFLICTS_WITH_HISTORY'
  | 'OVERPAYMENT'
  | 'UNKNOWN_CLAIM'
  | 'CLAIM_OF_OTHER_PAYEE'
  | 'CLAIM_CERTIFIED_AFTER_PAYMENT';

export class ReimbursementError extends DomainError<ReimbursementErrorCode> {}

export const fail = (
  code: ReimbursementErrorCode,
  message: string,
  details?: Record<string, unknown>,
): never => {
  throw new ReimbursementError(code, message, details);
};
