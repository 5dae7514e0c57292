import type { ClaimRunCertified, ClaimRunOutcome, ClaimRunStarted } from './claim-run.events';

export type StartClaimRun = { type: 'StartClaimRun'; data: ClaimRunStarted };
export type RecordClaimRunBatch = {
  type: 'RecordClaimRunBatch';
  data: { runId: string; outcomes: ClaimRunOutcome[] };
};
export type CompleteClaimRun = { type: 'CompleteClaimRun'; data: { runId: string } };
/** `pending`: the run's claims still awaiting certification, with who prepared or adjusted each. */
export type CertifyClaimRun = {
  type: 'CertifyClaimRun';
  data: Omit<ClaimRunCertified, 'certified' | 'skipped'> & {
    pending: { claimId: string; preparers: string[] }[];
  };
};

export type ClaimRunCommand = StartClaimRun | RecordClaimRunBatch | CompleteClaimRun | CertifyClaimRun;
