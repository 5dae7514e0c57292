import type { PayableCategory } from '@coe/contracts';
import { decideAndAppend } from '@coe/event-store';
import { type WriteContext, commandOptions, nameBasedUuid } from '@coe/platform';
import type { Tx } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import type { ClaimCommand } from './claim.commands';
import { type Claim, claimDecider } from './claim.decider';
import { claimStream } from './claim.events';
import type { ClaimLine } from './claim.lines';
import { claimsByRef, saveClaims } from './claim.read-model';

/** A payable certified outside the monthly claims (a letter-of-assist invoice, a D&D case, a loss). */
export type CertifiedPayable = {
  /** From {@link payableClaimId}. */
  claimId: string;
  claimRef: string;
  mission: string;
  contributor: string;
  category: PayableCategory;
  period: string;
  preparedOn: string;
  preparedBy: string;
  certifiedOn: string;
  certifiedBy: string;
  lines: ClaimLine[];
};

/** The claim of a payable derives from its source, e.g. `['letter-of-assist', loaId, invoiceRef]`. */
export const payableClaimId = (source: string[]): string =>
  nameBasedUuid(JSON.stringify(['claim', ...source]));

// Events 0..n-1 of a request go to the source aggregate; the claim's two events take later ids.
const CLAIM_EVENT_OFFSET = 100;

/**
 * Writes a certified payable onto the existing claim stream (ClaimPrepared by the officer who recorded it,
 * ClaimCertified by the one who certified it), in the caller's transaction, so payment runs, the payables
 * report and statements take it up like any certified claim. The claim decider applies its own rules too
 * (four eyes, dates, a positive amount).
 */
export const certifyPayableClaim = async (
  t: Tx,
  payable: CertifiedPayable,
  write: WriteContext,
): Promise<{ claimId: string; claimRef: string }> => {
  const { claimId } = payable;
  if ((await claimsByRef(t.tx, t.schema, [payable.claimRef])).length > 0) {
    fail('CLAIM_EXISTS', `A claim ${payable.claimRef} exists already.`);
  }
  const { claimRef, mission, contributor, category, period, preparedOn, preparedBy } = payable;
  const prepare: ClaimCommand = {
    type: 'PrepareClaim',
    data: {
      ...{ claimId, claimRef, origin: 'payable', mouId: null, mission, contributor, category, period },
      ...{ preparedOn, preparedBy, lines: payable.lines, basis: null, adjustsClaimId: null },
    },
  };
  const certify: ClaimCommand = {
    type: 'CertifyClaim',
    data: { claimId, certifiedOn: payable.certifiedOn, certifiedBy: payable.certifiedBy },
  };
  // the If-Match of the request is about the source aggregate, never about this new claim
  const claimWrite = { ...write, expectedVersion: undefined };
  let state: Claim = claimDecider.initialState();
  let version = 0n;
  for (const [n, command] of [prepare, certify].entries()) {
    const result = await decideAndAppend(t.store, claimStream(claimId), command, claimDecider, {
      ...commandOptions(claimWrite, CLAIM_EVENT_OFFSET + n),
    });
    state = result.newState;
    version = result.nextExpectedVersion;
  }
  if (state.status === 'none') return fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`);
  await saveClaims(t.tx, t.schema, [{ claim: state, version }]);
  return { claimId, claimRef };
};
