import type { PayableCategory } from '@coe/contracts';
import type { ClaimCalculation } from './claim.calculation';
import type { ClaimPrepared } from './claim.events';
import type { ClaimLine } from './claim.lines';

/** A computed claim, an adjustment claim, a letter of assist or a death-and-disability award. */
export type PrepareClaim = { type: 'PrepareClaim'; data: Omit<ClaimPrepared, 'amountUsd'> };

/** A recalculation from a corrected verification report, before certification. */
export type AdjustClaim = {
  type: 'AdjustClaim';
  data: {
    claimId: string;
    adjustedOn: string;
    adjustedBy: string;
    recalculation: ClaimCalculation;
    /** For an adjustment claim: the lines of the claim it adjusts and of its certified adjustments. */
    countedElsewhere: ClaimLine[];
  };
};

export type CertifyClaim = {
  type: 'CertifyClaim';
  data: { claimId: string; certifiedOn: string; certifiedBy: string };
};

/** Withdraws a claim not yet certified (CLAIM_ALREADY_CERTIFIED after: a correction is an adjustment). */
export type VoidClaim = {
  type: 'VoidClaim';
  data: { claimId: string; voidedOn: string; voidedBy: string; reason: string };
};

/** A row of the legacy certified-claims file (CONTRACT.md 4.2). */
export type ImportCertifiedClaim = {
  type: 'ImportCertifiedClaim';
  data: {
    claimId: string;
    claimRef: string;
    mission: string;
    contributor: string;
    category: PayableCategory;
    period: string;
    amountUsd: string;
    certifiedOn: string;
    importedBy: string;
  };
};

export type ClaimCommand = PrepareClaim | AdjustClaim | CertifyClaim | VoidClaim | ImportCertifiedClaim;
