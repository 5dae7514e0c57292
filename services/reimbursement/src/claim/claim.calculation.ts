import type { MouTerms } from '../mou-terms/mou-terms';
import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import { daysInMonth } from '../shared/period';
import { type Money, ZERO, money, roundToCent, sum, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { VerificationReport } from '../verification/verification.events';
import type { ClaimLine } from './claim.lines';
import { personnelLine } from './claim.personnel';
import { type ClaimService, type Fraction, fractionOf } from './claim.service';

/** The rate-table versions in force on the month's service date (its first day). */
export type ClaimRates = {
  personnel: InForce<'personnel'> | null;
  majorEquipment: InForce<'major-equipment'> | null;
  selfSustainment: InForce<'self-sustainment'> | null;
  missionFactors: InForce<'mission-factors'> | null;
  deductionThreshold: InForce<'deduction-threshold'> | null;
  partMonth: InForce<'part-month'> | null;
  /** Whether components are paid before the MOU is signed (applied by claim.eligibility.ts). */
  eligibility?: InForce<'claim-eligibility'> | null;
};

export type ClaimBasis = { mouAnnexVersion: number; verificationReportVersion: number };

export type ClaimCalculation = { lines: ClaimLine[]; amountUsd: string; basis: ClaimBasis };

const ref = (table: RateTableRef | null): RateTableRef[] =>
  table ? [{ tableId: table.tableId, version: table.version }] : [];

const required = <T>(table: T | null, name: string, period: string): T =>
  table ??
  fail('RATE_NOT_IN_FORCE', `No ${name} rate table is in force for ${period}.`, { table: name, period });

/**
 * A unit's claim for one month, one line per component (DOMAIN.md "Verification and reimbursement"):
 *
 * - fraction f: 1 for a whole month; for a part month, days served ÷ days in the month (`calendar-days`)
 *   or min(days, 30) ÷ 30 (`thirty-day-month`); it applies to every component (the unit was not there).
 * - eligible strength n = min(actual strength, MOU personnel ceiling).
 * - personnel = n × rate in force × f.
 * - mission-factor multiplier F = 1 + (extreme environment + intensified operations + hostile action) ÷ 100,
 *   from the mission's factor table in force, else the MOU's factors; never applied to personnel.
 * - major equipment, per annex B line = min(present and serviceable, MOU quantity) × monthly rate × F × f;
 *   the rate is the rate table's for (category, item, lease) when it lists it, else the MOU's.
 * - self-sustainment, per annex C category provided to standard = n × rate × F × f; nil when not provided.
 * - resolution 67/261: shortfall s = Σ (MOU quantity − counted quantity) × rate ÷ Σ MOU quantity × rate over
 *   annex B (missing or unserviceable equipment by value); when s exceeds the threshold, a deduction line of
 *   −(personnel line × s): personnel pay is reduced pro rata to the whole shortfall.
 * Each line is rounded once, by `roundToCent`; the claim is the sum of its lines.
 */
export const calculateClaim = (
  terms: MouTerms,
  report: VerificationReport,
  rates: ClaimRates,
  service: ClaimService = serviceFromReport(report, rates),
): ClaimCalculation => {
  const period = report.period;
  const personnelRate = required(rates.personnel, 'personnel', period);
  const threshold = required(rates.deductionThreshold, 'deduction-threshold', period);
  const part = fractionOf(service);
  const partMonth = part.text === '1' && service.source !== 'override' ? null : rates.partMonth;

  // the one division comes last, so a line is exact until its single rounding
  const lineAmount = (amount: Money, fraction: Fraction = part) =>
    roundToCent(amount.times(fraction.days).dividedBy(fraction.base));
  const timeSources = ref(partMonth);
  const base = { mouAnnexVersion: terms.annexVersion, verificationReportVersion: report.version };
  const eligible = Math.min(report.strength, terms.personnelCeiling);
  const factors = rates.missionFactors?.values ?? terms.missionFactors;
  const factor = money(1).plus(
    money(factors.extremeEnvironmentPct)
      .plus(factors.intensifiedOperationalConditionPct)
      .plus(factors.hostileActionPct)
      .dividedBy(100),
  );
  const factorSources = ref(rates.missionFactors);

  const personnel = personnelLine(personnelRate.values.ratePerPersonMonthUsd, service, report, terms, {
    base,
    rateTables: [...ref(personnelRate), ...timeSources],
  });
  const personnelAmount = money(personnel.line.amountUsd);
  const lines: ClaimLine[] = [personnel.line];

  let requiredValue = ZERO;
  let missingValue = ZERO;
  for (const line of terms.annexB) {
    const listed = rates.majorEquipment?.values.items.find(
      (i) => i.category === line.category && i.item === line.item && i.lease === line.lease,
    );
    const monthly = money(listed?.monthlyRateUsd ?? line.monthlyRateUsd);
    const entry = report.equipment.find((e) => e.lineId === line.lineId);
    const present = entry?.presentAndServiceable ?? 0;
    const counted = Math.min(present, line.quantity);
    // equipment arriving after the troops is paid from its own arrival day
    const arrival = entry?.arrivedOn ? fractionOf(service, Number(entry.arrivedOn.slice(8, 10))) : part;
    requiredValue = requiredValue.plus(monthly.times(line.quantity));
    missingValue = missingValue.plus(monthly.times(line.quantity - counted));
    lines.push({
      kind: 'MAJOR_EQUIPMENT',
      component: 'major_equipment',
      key: `equipment:${line.lineId}`,
      description: `${line.category}: ${line.item} (${line.lease} lease), ${counted} of ${line.quantity} present and serviceable${entry?.arrivedOn ? `, from arrival on ${entry.arrivedOn}` : ''}`,
      quantity: String(counted),
      rateUsd: usd(monthly),
      factor: factor.toString(),
      fraction: arrival.text,
      amountUsd: usd(lineAmount(monthly.times(counted).times(factor), arrival)),
      sources: {
        ...base,
        rateTables: [...(listed ? ref(rates.majorEquipment) : []), ...factorSources, ...timeSources],
      },
    });
  }

  for (const category of terms.annexC) {
    const listed = rates.selfSustainment?.values.categories.find((c) => c.category === category.category);
    const perPerson = money(listed?.ratePerPersonMonthUsd ?? category.ratePerPersonUsd);
    const provided =
      report.selfSustainment.find((s) => s.category === category.category)?.providedToStandard === true;
    const persons = provided ? eligible : 0;
    lines.push({
      kind: 'SELF_SUSTAINMENT',
      component: 'self_sustainment',
      key: `self-sustainment:${category.category}`,
      description: `Self-sustainment: ${category.category}${provided ? '' : ' (not provided to standard)'}`,
      quantity: String(persons),
      rateUsd: usd(perPerson),
      factor: factor.toString(),
      fraction: part.text,
      amountUsd: usd(lineAmount(perPerson.times(persons).times(factor))),
      sources: {
        ...base,
        rateTables: [...(listed ? ref(rates.selfSustainment) : []), ...factorSources, ...timeSources],
      },
    });
  }

  // s > threshold, compared without dividing: missing × 100 > required × threshold%
  if (missingValue.times(100).greaterThan(requiredValue.times(threshold.values.thresholdPct))) {
    const shortfall = missingValue.dividedBy(requiredValue);
    lines.push({
      kind: 'DEDUCTION_67_261',
      component: 'personnel',
      key: 'deduction-67-261',
      description: `Resolution 67/261: major equipment short by ${shortfall.times(100).toSignificantDigits(6).toString()}% of the MOU requirement (threshold ${threshold.values.thresholdPct}%)`,
      quantity: shortfall.toDecimalPlaces(10).toString(),
      rateUsd: usd(personnelAmount),
      factor: '-1',
      fraction: '1',
      amountUsd: usd(roundToCent(personnelAmount.times(missingValue).dividedBy(requiredValue).negated())),
      sources: { ...base, rateTables: ref(threshold) },
    });
  }

  return { lines, amountUsd: usd(sum(lines.map((l) => money(l.amountUsd)))), basis: base };
};

// Without service information (unit tests, reports of the past): the report's typed days, else a whole month.
const serviceFromReport = (report: VerificationReport, rates: ClaimRates): ClaimService => {
  if (report.daysServed === null) return { source: 'whole-month' };
  const rule = required(rates.partMonth, 'part-month', report.period).values.rule;
  const basis = rule === 'thirty-day-month' ? 30 : daysInMonth(report.period);
  return {
    source: 'override',
    days: Math.min(report.daysServed, basis),
    basis,
    reason: report.daysServedReason ?? null,
  };
};
