// The monthly claims run: one command computes the claims of every unit of a mission (or of all
// missions) for a month, in batches; stream `claim-run-<runId>`. Each batch's outcomes are recorded in
// the same transaction as the claims it prepared, so a run interrupted by a crash shows exactly what it did.

/** What became of one unit (MOU) in a run. */
export type ClaimRunOutcome =
  | { mouId: string; mouRef: string; outcome: 'prepared'; claimId: string; amountUsd: string }
  | { mouId: string; mouRef: string; outcome: 'already-claimed'; claimId: string }
  | { mouId: string; mouRef: string; outcome: 'not-claimed'; code: string; reason: string };

export type ClaimRunStarted = {
  runId: string;
  period: string;
  /** null: every mission. */
  mission: string | null;
  preparedOn: string;
  preparedBy: string;
  /** The units the run will look at, in the order it looks at them. */
  mouIds: string[];
};

export type ClaimRunBatchRecorded = { runId: string; batch: number; outcomes: ClaimRunOutcome[] };

export type ClaimRunCompleted = {
  runId: string;
  prepared: number;
  alreadyClaimed: number;
  notClaimed: number;
  amountUsd: string;
};

export type ClaimRunCertified = {
  runId: string;
  certifiedOn: string;
  certifiedBy: string;
  certified: string[];
  /** Claims of the run this officer may not certify (they adjusted it) or that are no longer pending. */
  skipped: { claimId: string; code: string }[];
};

export type ClaimRunEvent =
  | { type: 'ClaimRunStarted'; data: ClaimRunStarted; effectiveOn: string }
  | { type: 'ClaimRunBatchRecorded'; data: ClaimRunBatchRecorded; effectiveOn: string }
  | { type: 'ClaimRunCompleted'; data: ClaimRunCompleted; effectiveOn: string }
  | { type: 'ClaimRunCertified'; data: ClaimRunCertified; effectiveOn: string };

export const claimRunStream = (runId: string): string => `claim-run-${runId}`;
