import { type EventStore, foldStream } from '@coe/event-store';
import { type MouTerms, termsForService } from '../mou-terms/mou-terms';
import { loadUnitMovements } from '../service-period/unit-movements.read-model';
import { loadMouTerms } from '../mou-terms/mou-terms.read-model';
import type { RateTableVersionIssued } from '../rate-table/rate-table.events';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { firstDayOf } from '../shared/period';
import { fail } from '../shared/reimbursement.errors';
import type { Db } from '../shared/sql';
import { verificationDecider } from '../verification/verification.decider';
import { type VerificationReport, verificationStream } from '../verification/verification.events';
import { type ClaimCalculation, calculateClaim } from './claim.calculation';
import { loadPremiumGrants } from '../premium/premium.read-model';
import { applyEligibility, signedOn } from './claim.eligibility';
import { withPremiums } from './claim.premiums';
import { claimRatesOn } from './claim.rates';
import { serviceOf } from './claim.service';

export type ClaimSources = { report: VerificationReport; calculation: ClaimCalculation };

/**
 * What a claims run reads once for a whole batch of units instead of once per unit, in the batch's own
 * transaction: every rate-table version, and the annex versions of the batch's MOUs. A claim computed from
 * them is the claim computed from the tables directly (the same rows, read once).
 */
export type PreloadedSources = {
  rateVersions: readonly RateTableVersionIssued[];
  mouTerms: ReadonlyMap<string, readonly MouTerms[]>;
};

/**
 * Calculates a unit's claim for a month from what is recorded now: the latest version of its verification
 * report, the MOU annex version governing the month (and, for the ceiling, each day's), the unit's
 * movements, and the rate tables in force on its first day; the claim-eligibility rule as of `asOf`
 * (the day the claim is prepared or adjusted).
 */
export const calculateFromRecords = async (
  db: Db,
  store: EventStore,
  schema: string,
  mouId: string,
  period: string,
  asOf: string,
  preloaded: PreloadedSources | null = null,
): Promise<ClaimSources> => {
  const { report } = foldStream(
    verificationDecider,
    await store.readStream(verificationStream(mouId, period)),
  );
  if (!report)
    return fail('VERIFICATION_REPORT_NOT_FOUND', `No verification report on ${period} for MOU ${mouId}.`);
  const serviceDate = firstDayOf(period);
  const versions = preloaded?.mouTerms.get(mouId) ?? (await loadMouTerms(db, schema, mouId));
  const terms =
    termsForService(versions, serviceDate) ??
    fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${mouId}.`);
  const rateVersions = preloaded?.rateVersions ?? (await loadRateTableVersions(db, schema));
  const rates = claimRatesOn(rateVersions, report.mission, serviceDate, mouId);
  const rule = (
    rates.partMonth ??
    fail('RATE_NOT_IN_FORCE', `No part-month rule is in force for ${period}.`, {
      table: 'part-month',
      period,
    })
  ).values.rule;
  const service = serviceOf(report, await loadUnitMovements(db, schema, mouId), versions, rule);
  const computed = calculateClaim(terms, report, rates, service);
  const calculation = withPremiums(
    computed,
    await loadPremiumGrants(db, schema, mouId),
    service,
    report,
    terms,
    rates.personnel!.values.ratePerPersonMonthUsd,
  );
  return { report, calculation: applyEligibility(calculation, rates.eligibility, signedOn(versions), asOf) };
};
