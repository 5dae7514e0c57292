import type { ClaimCertified, PayableCategory } from '@coe/contracts';
import type { ClaimBasis } from './claim.calculation';
import type { ClaimLine } from './claim.lines';

// A payable to a contributor: a unit's monthly claim (computed from a verification report), an
// adjustment of one, a letter of assist, a death-and-disability award, or a certified claim imported from
// the legacy ledger. Stream `claim-<claimId>`.

export type ClaimOrigin = 'computed' | 'adjustment' | 'payable' | 'imported';

export type ClaimPrepared = {
  claimId: string;
  claimRef: string;
  origin: ClaimOrigin;
  mouId: string | null;
  mission: string;
  contributor: string;
  category: PayableCategory;
  period: string;
  preparedOn: string;
  /** The finance officer's `sub`: who may not certify it. */
  preparedBy: string;
  lines: ClaimLine[];
  amountUsd: string;
  basis: ClaimBasis | null;
  /** Set on an adjustment claim: the certified claim it corrects. */
  adjustsClaimId: string | null;
};

/** A corrected verification report before certification: ADJUSTMENT lines added, nothing changed. */
export type ClaimAdjusted = {
  claimId: string;
  adjustmentNo: number;
  adjustedOn: string;
  adjustedBy: string;
  lines: ClaimLine[];
  /** The change of the claim's amount (may be negative). */
  amountUsd: string;
  basis: ClaimBasis;
};

/**
 * A wrongly prepared claim withdrawn before certification, with the officer's reason: never payable, in no
 * payment run and no payables report; the unit's month may then be prepared afresh.
 */
export type ClaimVoided = { claimId: string; voidedOn: string; voidedBy: string; reason: string };

/** The public fact (libs/contracts), plus who certified it and where the payable came from. */
export type ClaimCertifiedData = ClaimCertified & { certifiedBy: string; origin: ClaimOrigin };

export type ClaimEvent =
  | { type: 'ClaimPrepared'; data: ClaimPrepared; effectiveOn: string }
  | { type: 'ClaimAdjusted'; data: ClaimAdjusted; effectiveOn: string }
  | { type: 'ClaimCertified'; data: ClaimCertifiedData; effectiveOn: string }
  | { type: 'ClaimVoided'; data: ClaimVoided; effectiveOn: string };

export const claimStream = (claimId: string): string => `claim-${claimId}`;
