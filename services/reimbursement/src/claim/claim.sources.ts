import type { EventStore } from '@coe/event-store';
import { termsForService } from '../mou-terms/mou-terms';
import { loadMouTerms } from '../mou-terms/mou-terms.read-model';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { firstDayOf } from '../shared/period';
import { fail } from '../shared/reimbursement.errors';
import type { Db } from '../shared/sql';
import { verificationDecider } from '../verification/verification.decider';
import {
  type VerificationEvent,
  type VerificationReport,
  verificationStream,
} from '../verification/verification.events';
import { type ClaimCalculation, calculateClaim } from './claim.calculation';
import { claimRatesOn } from './claim.rates';

export type ClaimSources = { report: VerificationReport; calculation: ClaimCalculation };

/**
 * Calculates a unit's claim for a month from what is recorded now: the latest version of its verification
 * report, the MOU annex version governing the month, and the rate tables in force on its first day.
 */
export const calculateFromRecords = async (
  db: Db,
  store: EventStore,
  schema: string,
  mouId: string,
  period: string,
): Promise<ClaimSources> => {
  const events = await store.readStream(verificationStream(mouId, period));
  const { report } = events.reduce(
    (state, e) => verificationDecider.evolve(state, { type: e.type, data: e.data } as VerificationEvent),
    verificationDecider.initialState(),
  );
  if (!report)
    return fail('VERIFICATION_REPORT_NOT_FOUND', `No verification report on ${period} for MOU ${mouId}.`);
  const serviceDate = firstDayOf(period);
  const terms =
    termsForService(await loadMouTerms(db, schema, mouId), serviceDate) ??
    fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${mouId}.`);
  const rates = claimRatesOn(await loadRateTableVersions(db, schema), report.mission, serviceDate, mouId);
  return { report, calculation: calculateClaim(terms, report, rates) };
};
