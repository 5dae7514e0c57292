import type { MouTerms } from '../mou-terms/mou-terms';
import { termsForService } from '../mou-terms/mou-terms';
import type { PartMonthRule } from '../rate-table/rate-table.events';
import { monthBasis } from '../service-period/month-basis';
import { type UnitMovement, serviceDaysIn } from '../service-period/unit-movements';
import { daysInMonth } from '../shared/period';
import { fail } from '../shared/reimbursement.errors';
import type { VerificationReport } from '../verification/verification.events';

/** One paid day position of the month (see month-basis.ts): the calendar day it stands for and its ceiling. */
export type PaidDay = { day: number; ceiling: number };

/**
 * How a claim's month is counted:
 * - `movements`: the days follow from the unit's deployment and repatriation, under the part-month rule;
 * - `override`: the report typed the number of days served, with a reason (shown on the claim);
 * - `whole-month`: no service information given (a whole month with the annex version's ceiling).
 */
export type ClaimService =
  | { source: 'movements'; paidDays: PaidDay[]; basis: number }
  | { source: 'override'; days: number; basis: number; reason: string | null }
  | { source: 'whole-month' };

const day = (period: string, d: number) => `${period}-${String(d).padStart(2, '0')}`;

/**
 * The service of a unit in a report's month: a typed override when the report has one; otherwise the
 * days its movements put it in the mission area (none: `UNIT_NOT_DEPLOYED_IN_PERIOD`), each with the
 * personnel ceiling of the annex version in force that day, so an amendment applies from its own day.
 */
export const serviceOf = (
  report: VerificationReport,
  movements: readonly UnitMovement[],
  versions: readonly MouTerms[],
  rule: PartMonthRule,
): ClaimService => {
  if (report.daysServed !== null) {
    const basis = rule === 'thirty-day-month' ? 30 : daysInMonth(report.period);
    const days = Math.min(report.daysServed, basis);
    return { source: 'override', days, basis, reason: report.daysServedReason ?? null };
  }
  const served = serviceDaysIn(movements, report.period);
  if (served.length === 0) {
    return fail('UNIT_NOT_DEPLOYED_IN_PERIOD', `The unit was not in the mission area in ${report.period}.`, {
      period: report.period,
    });
  }
  const { positions, basis } = monthBasis(served, report.period, rule);
  const paidDays = positions.map((d) => ({
    day: d,
    ceiling: termsForService(versions, day(report.period, d))!.personnelCeiling,
  }));
  return { source: 'movements', paidDays, basis };
};

/** The strength the report gives for a calendar day: its range's, else the single `strength`. */
export const strengthOn = (report: VerificationReport, d: number): number =>
  report.strengthByDay?.find((r) => r.fromDay <= d && d <= r.toDay)?.strength ?? report.strength;

/** The share of the month a line is paid for, as `days/basis`, from the calendar day `fromDay` on. */
export type Fraction = { days: number; base: number; text: string };

export const fractionOf = (service: ClaimService, fromDay = 1): Fraction => {
  if (service.source === 'whole-month') return { days: 1, base: 1, text: '1' };
  if (service.source === 'override') {
    return { days: service.days, base: service.basis, text: `${service.days}/${service.basis}` };
  }
  const days = service.paidDays.filter((p) => p.day >= fromDay).length;
  if (days === service.basis) return { days: 1, base: 1, text: '1' };
  return { days, base: service.basis, text: `${days}/${service.basis}` };
};
