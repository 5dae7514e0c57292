import { asStored, publishedBy, type ToContracts } from '@coe/messaging';
import type { FundEvent, LoanEvent } from './cash-pool/fund.events';
import type { MissionStatusEvent } from './cash-pool/mission-status.events';
import type { PaymentRunEvent } from './cash-pool/payment-run.events';
import type { ClaimEvent } from './claim/claim.events';
import type { HostileActionEvent } from './hostile-action/hostile-action.events';
import type { PaymentEvent } from './payment/payment.events';

type Published =
  | ClaimEvent
  | PaymentEvent
  | FundEvent
  | LoanEvent
  | PaymentRunEvent
  | HostileActionEvent
  | MissionStatusEvent;

/**
 * What reimbursement publishes on its topic: certified claims, payments, the cash pool's receipts, loans
 * and runs, hostile-action incidents and mission statuses, in their contract's shape. Who recorded or
 * certified, where a claim came from, the rate-table version and the run's counts stay in the store;
 * claims being prepared, verification reports, letters of assist, premiums, death-and-disability cases and
 * rate tables stay inside.
 */
export const reimbursementToContracts: ToContracts<'reimbursement', Published> = {
  ClaimCertified: ({ certifiedBy: _by, origin: _origin, ...published }) => published,
  PaymentMade: ({ requestedClaimRef: _requested, ...published }) => published,
  AssessmentReceived: asStored,
  InterMissionLoanMade: ({ paymentRunId: _run, ...published }) => published,
  InterMissionLoanRepaid: asStored,
  PaymentRunExecuted: ({ payments: _payments, loans: _loans, ...published }) => published,
  HostileActionIncidentRecorded: ({ recordedOn: _on, recordedBy: _by, rateTable: _rates, ...published }) =>
    published,
  MissionStatusRecorded: ({ recordedBy: _by, ...published }) => published,
};

export const reimbursementPublished = publishedBy('reimbursement', reimbursementToContracts);
