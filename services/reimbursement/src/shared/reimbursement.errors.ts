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
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_ITEM'
  | 'DUPLICATE_REPORT_ENTRY'
  | 'INVALID_DAYS_SERVED'
  | 'REPORT_BEFORE_PERIOD'
  // service days, strength by day, premiums (claims-a)
  | 'UNIT_NOT_DEPLOYED_IN_PERIOD'
  | 'DAYS_SERVED_REASON_REQUIRED'
  | 'INVALID_STRENGTH_RANGES'
  | 'INVALID_ARRIVAL_DATE'
  | 'INVALID_PREMIUM_PERIOD'
  | 'PREMIUM_ABOVE_CAP'
  | 'PREMIUM_OVERLAPS'
  // resolution 67/261 breakdown, partial self-sustainment, mission factors
  | 'EQUIPMENT_COUNT_MISMATCH'
  | 'EXEMPT_COUNT_EXCEEDS_ABSENT'
  | 'HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT'
  | 'HOSTILE_ACTION_LOSS_OTHER_MOU'
  | 'HOSTILE_ACTION_LOSS_AFTER_PERIOD'
  | 'HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT'
  | 'INCONSISTENT_PROVISION'
  // a document named by its hash that nobody uploaded
  | 'DOCUMENT_NOT_UPLOADED'
  | 'MISSION_FACTOR_ABOVE_CAP'
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
  | 'CLAIM_VOIDED'
  | 'VOID_REASON_REQUIRED'
  // monthly claims runs
  | 'CLAIM_RUN_EXISTS'
  | 'CLAIM_RUN_NOT_FOUND'
  | 'CLAIM_RUN_COMPLETED'
  | 'CLAIM_RUN_INCOMPLETE'
  | 'CLAIM_RUN_UNIT_UNEXPECTED'
  | 'PAYABLE_ROUTE_RETIRED'
  // letters of assist, death and disability, hostile action (payables besides claims)
  | 'DATED_OUT_OF_ORDER'
  | 'LOA_NOT_FOUND'
  | 'LOA_EXISTS'
  | 'LOA_CLOSED'
  | 'LOA_NOT_TO_EXCEED'
  | 'LOA_INVOICE_EXISTS'
  | 'LOA_INVOICE_NOT_FOUND'
  | 'LOA_INVOICE_ALREADY_CERTIFIED'
  | 'DD_CASE_NOT_FOUND'
  | 'DD_CASE_EXISTS'
  | 'DD_CASE_ALREADY_CERTIFIED'
  | 'DD_DEGREE_MISMATCH'
  | 'HOSTILE_ACTION_INCIDENT_NOT_FOUND'
  | 'HOSTILE_ACTION_INCIDENT_EXISTS'
  | 'HOSTILE_ACTION_ALREADY_CERTIFIED'
  | 'HOSTILE_ACTION_BELOW_THRESHOLD'
  // funds, loans, payment runs
  | 'LOAN_OVERREPAID'
  | 'PAYMENT_RUN_NOT_FOUND'
  | 'PAYMENT_RUN_EXISTS'
  | 'PAYMENT_RUN_ALREADY_EXECUTED'
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
