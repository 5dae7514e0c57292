import type { InForce } from '../rate-table/rate-table.in-force';
import type { DeathAndDisabilityCaseRecorded } from './death-and-disability.events';

/** The handler looks up the rate-table version in force on the incident date; null when there is none. */
export type RecordDeathAndDisabilityCase = {
  type: 'RecordDeathAndDisabilityCase';
  data: Omit<DeathAndDisabilityCaseRecorded, 'rateTable' | 'standardAmountUsd' | 'amountUsd'> & {
    standard: InForce<'death-and-disability'> | null;
  };
};

export type CertifyDeathAndDisabilityCase = {
  type: 'CertifyDeathAndDisabilityCase';
  data: { caseId: string; certifiedOn: string; certifiedBy: string; claimId: string };
};

export type DeathAndDisabilityCommand = RecordDeathAndDisabilityCase | CertifyDeathAndDisabilityCase;
