// Public shapes of reimbursement's facts (topic `<prefix>.reimbursement.events`). Money is a decimal
// string in USD with exactly 2 decimals; never a number.

export type PayableCategory =
  | 'personnel'
  | 'major_equipment'
  | 'self_sustainment'
  | 'letter_of_assist'
  | 'death_and_disability';

/**
 * A payable to a contributor: a certified claim (computed from a verification report, or imported), a
 * letter of assist or a death-and-disability award. Stream `claim-<claimId>`.
 */
export type ClaimCertified = {
  claimId: string;
  claimRef: string;
  mission: string;
  contributor: string;
  /** The claim's category; a computed monthly claim with several components says `personnel`… per line in `lines`. */
  category: PayableCategory;
  /** `YYYY-MM`, the month served. */
  period: string;
  amountUsd: string;
  certifiedOn: string;
  lines?: { component: PayableCategory; amountUsd: string }[];
};

/** Money paid to a contributor, with the claims it settled (oldest first unless it named one). */
export type PaymentMade = {
  paymentId: string;
  paymentRef: string;
  mission: string;
  contributor: string;
  amountUsd: string;
  paidOn: string;
  /** Set when the payment was part of a quarterly payment run. */
  paymentRunId: string | null;
  allocations: { claimId: string; claimRef: string; amountUsd: string }[];
};

/** Assessment cash received into a mission's fund. Stream `fund-<mission>`. */
export type AssessmentReceived = {
  mission: string;
  amountUsd: string;
  receivedOn: string;
  /** The reference of an imported assessment (a fund's history); absent for one received through the route. */
  assessmentRef?: string;
};

/** Cash-pool borrowing (resolution 73/307): an explicit loan between missions' funds. */
export type InterMissionLoanMade = {
  loanId: string;
  lenderMission: string;
  borrowerMission: string;
  amountUsd: string;
  lentOn: string;
};
export type InterMissionLoanRepaid = { loanId: string; amountUsd: string; repaidOn: string };

/** A mission's status from a date (stream `mission-status-<MISSION>`); a mission never recorded is active. */
export type MissionStatus = 'active' | 'closing' | 'closed';
export type MissionStatusRecorded = { mission: string; status: MissionStatus; effectiveFrom: string };

export type PaymentRunExecuted = {
  runId: string;
  /** e.g. `2019-Q3` */
  quarter: string;
  executedOn: string;
  availableCashUsd: string;
  reserveUsd: string;
  paidUsd: string;
  /** What the missions' own cash alone would have allowed (no pool), for the report's comparison. */
  paidWithoutPoolUsd: string;
};

/**
 * Loss or damage of contingent-owned equipment through hostile action or forced abandonment (resolution
 * 50/222), recorded with its items, whatever the UN's liability. Items lost this way are not counted
 * against the contributor in the 67/261 deduction. Stream `hostile-action-<incidentId>`.
 */
export type HostileActionIncidentRecorded = {
  incidentId: string;
  incidentRef: string;
  mission: string;
  contributor: string;
  mouId: string;
  cause: 'hostile-action' | 'forced-abandonment';
  occurredOn: string;
  /** Each item lost or damaged; `lineId` is the MOU annex B line when the item is one. */
  items: {
    lineId: string | null;
    category: string;
    item: string;
    quantity: number;
    gfmvEachUsd: string;
    gfmvUsd: string;
  }[];
  totalGfmvUsd: string;
  /** The liability threshold in force on `occurredOn`; the UN is liable when the total reaches it. */
  thresholdUsd: string;
  liability: 'united-nations' | 'contributor';
};

export type ReimbursementEvents = {
  ClaimCertified: ClaimCertified;
  PaymentMade: PaymentMade;
  AssessmentReceived: AssessmentReceived;
  InterMissionLoanMade: InterMissionLoanMade;
  InterMissionLoanRepaid: InterMissionLoanRepaid;
  PaymentRunExecuted: PaymentRunExecuted;
  HostileActionIncidentRecorded: HostileActionIncidentRecorded;
  MissionStatusRecorded: MissionStatusRecorded;
};
