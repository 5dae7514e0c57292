import type { MouTerms } from '../mou-terms/mou-terms';
import type { RateTableRef } from '../rate-table/rate-table.in-force';
import { type Money, money, roundToCent, usd } from '../shared/money';
import type { VerificationReport } from '../verification/verification.events';
import type { ClaimLine, ClaimLineSources } from './claim.lines';
import { type ClaimService, fractionOf, strengthOn } from './claim.service';

/** Eligible person-days of the month over `basis`: pay = rate × personDays ÷ basis. */
export type PersonDays = { personDays: number; basis: number; uniform: number | null };

/**
 * Σ over the paid days d of min(strength on d, ceiling in force on d) (DOMAIN.md: "the ceiling applies
 * to each day's strength"); `covers` restricts the days (a premium granted for part of the month).
 * A typed override pays min(strength, ceiling of the month's annex version) on each of its days.
 */
export const eligiblePersonDays = (
  service: ClaimService,
  report: VerificationReport,
  terms: MouTerms,
  covers: (day: number) => boolean = () => true,
): PersonDays => {
  if (service.source !== 'movements') {
    const eligible = Math.min(report.strength, terms.personnelCeiling);
    const { days, base } = fractionOf(service);
    return { personDays: eligible * days, basis: base, uniform: eligible };
  }
  const eligibles = service.paidDays
    .filter((p) => covers(p.day))
    .map((p) => Math.min(strengthOn(report, p.day), p.ceiling));
  const personDays = eligibles.reduce((a, b) => a + b, 0);
  const uniform = eligibles.every((e) => e === eligibles[0]) ? (eligibles[0] ?? 0) : null;
  return { personDays, basis: service.basis, uniform };
};

/** The exact personnel amount before its one rounding (premiums are computed from it). */
export const personnelExact = (rate: Money, days: PersonDays): Money =>
  rate.times(days.personDays).dividedBy(days.basis);

const serviceDaysNote = (service: ClaimService): string => {
  if (service.source === 'override') {
    return `; ${service.days} days typed over the movements (${service.reason ?? 'no reason recorded'})`;
  }
  return '';
};

/** The PERSONNEL line: quantity × rate × fraction, rounded once. */
export const personnelLine = (
  rateUsd: string,
  service: ClaimService,
  report: VerificationReport,
  terms: MouTerms,
  sources: { base: Omit<ClaimLineSources, 'rateTables'>; rateTables: RateTableRef[] },
): { line: ClaimLine; exact: Money; days: PersonDays } => {
  const rate = money(rateUsd);
  const days = eligiblePersonDays(service, report, terms);
  const exact = personnelExact(rate, days);
  const part = fractionOf(service);
  // one strength and ceiling all month: n persons × the month's fraction; otherwise person-days ÷ basis
  const [quantity, fraction] =
    days.uniform !== null ? [String(days.uniform), part.text] : [String(days.personDays), `1/${days.basis}`];
  const what =
    days.uniform !== null
      ? `${days.uniform} of ${report.strength} (ceiling ${terms.personnelCeiling})`
      : `${days.personDays} person-days within the ceilings in force, by day`;
  const line: ClaimLine = {
    kind: 'PERSONNEL',
    component: 'personnel',
    key: 'personnel',
    description: `Personnel: ${what}${serviceDaysNote(service)}`,
    quantity,
    rateUsd: usd(rate),
    factor: '1',
    fraction,
    amountUsd: usd(roundToCent(exact)),
    sources: { ...sources.base, rateTables: sources.rateTables },
    ...(service.source === 'whole-month' ? {} : { serviceDays: serviceDaysOf(service) }),
  };
  return { line, exact, days };
};

export const serviceDaysOf = (service: Exclude<ClaimService, { source: 'whole-month' }>): ServiceDays =>
  service.source === 'override'
    ? { source: 'override', days: service.days, basis: service.basis, reason: service.reason }
    : { source: 'movements', days: service.paidDays.length, basis: service.basis, reason: null };

/** What a line says of the month's days: from the movements, or typed with a reason. */
export type ServiceDays = {
  source: 'movements' | 'override';
  days: number;
  basis: number;
  reason: string | null;
};
