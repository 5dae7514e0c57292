import { type CoeCodeKind, isCoeCode } from '@coe/contracts';
import type { MouTerms } from '../mou-terms/mou-terms';
import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import { daysInMonth, firstDayOf } from '../shared/period';
import { type Money, money, roundToCent, sum, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { VerificationReport } from '../verification/verification.events';
import { addLineValues, deductionLine, lineShortfall, noEquipmentValues } from './claim.deduction-67-261';
import type { ClaimLine } from './claim.lines';
import { personnelLine } from './claim.personnel';
import { type ClaimService, type Fraction, fractionOf } from './claim.service';
import { missionFactorMultipliers } from './claim.mission-factors';
import { selfSustainmentShare } from './claim.self-sustainment';
import { provisionOf } from '../verification/verification.breakdown';
import { reportWarnings, warningsOf } from '../verification/verification.warnings';
import { governingRate, personnelRateBasis } from './claim.rate-basis';

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
  /** Tables added after the first claims; absent is the same as none in force. */
  deductionExemptions?: InForce<'deduction-exemptions'> | null;
  missionFactorCaps?: InForce<'mission-factor-caps'> | null;
  incrementalTransport?: InForce<'incremental-transport'> | null;
  incrementalTransportRule?: InForce<'incremental-transport-rule'> | null;
  selfSustainmentPartial?: InForce<'self-sustainment-partial'> | null;
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
 * - eligible person-days: Σ over the paid days of min(strength that day, ceiling in force that day)
 *   (claim.personnel.ts); with one strength and ceiling all month, n = min(strength, ceiling) persons × f.
 * - personnel = rate in force × person-days ÷ month basis (= n × rate × f for a uniform month).
 * - mission-factor multiplier F = 1 + (extreme environment + intensified operations + hostile action
 *   [+ incremental transportation]) ÷ 100, each factor from the mission's factor table in force, else the
 *   MOU's, and capped by the cap in force (claim.mission-factors.ts); never applied to personnel.
 * - major equipment, per annex B line = min(present and serviceable, MOU quantity) × monthly rate × F × f;
 *   the rate is the one governingRate (claim.rate-basis.ts) chooses: the generic table's for (category,
 *   item, lease) when the table in force lists it, else the MOU's; the line's `rateBasis` says which.
 * - self-sustainment, per annex C category = the personnel line's persons (person-days ÷ basis, or n × f)
 *   × rate × share × F; share 1 in full, the partial table's share in part, nil when not provided
 *   (claim.self-sustainment.ts); the rate chosen by the same rule.
 * - counts beyond the MOU (strength above the ceiling, items above the MOU quantity) are paid up to it and
 *   carried as the line's `warnings` (verification.warnings.ts).
 * - resolution 67/261 (claim.deduction-67-261.ts): shortfall s = Σ (missing − exempt) × rate ÷ Σ MOU
 *   quantity × rate over annex B; when s exceeds the threshold, a deduction line of −(exact personnel × s).
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
  const factors = missionFactorMultipliers({
    mouFactors: terms.missionFactors,
    missionFactors: rates.missionFactors,
    caps: rates.missionFactorCaps ?? null,
    transport: rates.incrementalTransport ?? null,
    transportRule: rates.incrementalTransportRule ?? null,
    period,
  });
  const cappedNote =
    factors.capped.length > 0 ? ` [mission factors paid at the cap: ${factors.capped.join(', ')}]` : '';

  const personnel = personnelLine(personnelRate.values.ratePerPersonMonthUsd, service, report, terms, {
    base,
    rateTables: [...ref(personnelRate), ...timeSources],
  });
  const warnings = reportWarnings(terms, report);
  const governing = (
    kind: 'major-equipment' | 'self-sustainment',
    listedRateUsd: string | undefined,
    mouRateUsd: string,
  ) =>
    governingRate({
      kind,
      mou: { rateUsd: mouRateUsd, annexVersion: terms.annexVersion },
      table: kind === 'major-equipment' ? rates.majorEquipment : rates.selfSustainment,
      listedRateUsd: listedRateUsd ?? null,
      serviceDate: firstDayOf(period),
    });
  // the 67/261 deduction is taken from the exact personnel amount, before its rounding
  const personnelExact = personnel.exact;
  const lines: ClaimLine[] = [
    {
      ...personnel.line,
      rateBasis: personnelRateBasis(personnelRate),
      ...warned(warningsOf(warnings, null)),
    },
  ];

  let values = noEquipmentValues();
  for (const line of terms.annexB) {
    const listed = rates.majorEquipment?.values.items.find(
      (i) => i.category === line.category && i.item === line.item && i.lease === line.lease,
    );
    const rate = governing('major-equipment', listed?.monthlyRateUsd, line.monthlyRateUsd);
    const monthly = rate.rateUsd;
    const verified = report.equipment.find((e) => e.lineId === line.lineId);
    const counted = Math.min(verified?.presentAndServiceable ?? 0, line.quantity);
    // equipment arriving after the troops is paid from its own arrival day
    const arrival = verified?.arrivedOn ? fractionOf(service, Number(verified.arrivedOn.slice(8, 10))) : part;
    const shortfall = lineShortfall(line, verified, rates.deductionExemptions ?? null);
    values = addLineValues(values, line.quantity, monthly, shortfall);
    const factor = factors.majorEquipment;
    lines.push({
      kind: 'MAJOR_EQUIPMENT',
      component: 'major_equipment',
      key: `equipment:${line.lineId}`,
      description: `${line.category}: ${line.item} (${line.lease} lease), ${counted} of ${line.quantity} present and serviceable${verified?.arrivedOn ? `, from arrival on ${verified.arrivedOn}` : ''}${legacyCategoryNote('major-equipment', line.category, !!listed)}${cappedNote}`,
      quantity: String(counted),
      rateUsd: usd(monthly),
      factor: factor.toString(),
      fraction: arrival.text,
      amountUsd: usd(lineAmount(monthly.times(counted).times(factor), arrival)),
      sources: {
        ...base,
        rateTables: [
          ...(listed ? ref(rates.majorEquipment) : []),
          ...factors.sourcesMajorEquipment,
          ...timeSources,
        ],
      },
      rateBasis: rate.basis,
      ...warned(warningsOf(warnings, line.lineId)),
    });
  }

  // self-sustainment is paid for the persons personnel is paid for: by day when strength or ceiling
  // changes within the month (a rotation, an amendment), else n persons × the month's fraction
  const { days } = personnel;
  const [ssPersons, ssFraction]: [number, Fraction] =
    days.uniform !== null
      ? [days.uniform, part]
      : [days.personDays, { days: 1, base: days.basis, text: `1/${days.basis}` }];
  for (const category of terms.annexC) {
    const listed = rates.selfSustainment?.values.categories.find((c) => c.category === category.category);
    const rate = governing('self-sustainment', listed?.ratePerPersonMonthUsd, category.ratePerPersonUsd);
    const perPerson = rate.rateUsd;
    const verified = report.selfSustainment.find((s) => s.category === category.category);
    const provision = verified ? provisionOf(verified) : 'none';
    const share = selfSustainmentShare(provision, rates.selfSustainmentPartial ?? null, period);
    const persons = provision === 'none' ? 0 : ssPersons;
    const factor = factors.selfSustainment;
    lines.push({
      kind: 'SELF_SUSTAINMENT',
      component: 'self_sustainment',
      key: `self-sustainment:${category.category}`,
      description: `Self-sustainment: ${category.category}${share.note}${legacyCategoryNote('self-sustainment', category.category, !!listed)}${cappedNote}`,
      quantity: String(persons),
      rateUsd: usd(perPerson),
      factor: factor.toString(),
      fraction: ssFraction.text,
      ...(provision === 'partial' ? { share: share.share.toString() } : {}),
      amountUsd: usd(lineAmount(perPerson.times(persons).times(share.share).times(factor), ssFraction)),
      sources: {
        ...base,
        rateTables: [
          ...(listed ? ref(rates.selfSustainment) : []),
          ...share.sources,
          ...factors.sourcesSelfSustainment,
          ...timeSources,
        ],
      },
      rateBasis: rate.basis,
    });
  }

  const deduction = deductionLine({
    personnelExact,
    values,
    threshold,
    exemptions: rates.deductionExemptions ?? null,
    basis: base,
  });
  if (deduction) lines.push(deduction);

  return { lines, amountUsd: usd(sum(lines.map((l) => money(l.amountUsd)))), basis: base };
};

// a line carries `warnings` only when it has some, as lines recorded before them carry none
const warned = (warnings: ClaimLine['warnings'] & object) => (warnings.length > 0 ? { warnings } : {});

// Without service information (unit tests, reports of the past): the report's typed days, else a whole month.
// An annex recorded before the category codes may say `Catering`: no rate table can match it (codes are
// matched exactly), so its line is paid at the MOU's rate, and says why rather than silently (issue 18).
const legacyCategoryNote = (kind: CoeCodeKind, category: string, listed: boolean): string =>
  listed || isCoeCode(kind, category) ? '' : ' [not a category code: the MOU rate, no rate table]';

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
