import type { Decider } from '@coe/event-store';
import { daysInMonth, firstDayOf } from '../shared/period';
import { assertCategoryCodes } from '../shared/coe-codes';
import { fail } from '../shared/reimbursement.errors';
import { equipmentAsVerified, selfSustainmentAsVerified } from './verification.breakdown';
import { attachedDocuments } from './verification.documents';
import type { VerificationCommand } from './verification.commands';
import { checkHostileActionLosses } from './verification.hostile-losses';
import type { VerificationEvent, VerificationReport, VerificationReportContent } from './verification.events';
import { reportWarnings } from './verification.warnings';

export type Verification = { report: VerificationReport | null };

const initialState = (): Verification => ({ report: null });

const evolve = (_state: Verification, event: VerificationEvent): Verification => {
  const { reason: _reason, ...report } = event.data as VerificationReport & { reason?: string };
  return { report };
};

const duplicates = (keys: string[]): string[] => keys.filter((key, index) => keys.indexOf(key) !== index);

// The report must speak of every line and category of the annex version governing the month, and of no
// other category; what it counts beyond the MOU is kept and warned of (verification.warnings.ts).
const checkAgainstTerms = (data: VerificationCommand['data']): void => {
  const { terms, equipment, selfSustainment, period, daysServed, reportedOn } = data;
  if (reportedOn < firstDayOf(period)) {
    fail('REPORT_BEFORE_PERIOD', `A report on ${period} cannot be dated ${reportedOn}.`);
  }
  if (daysServed !== null && (daysServed < 1 || daysServed > daysInMonth(period))) {
    fail(
      'INVALID_DAYS_SERVED',
      `${period} has ${daysInMonth(period)} days; ${daysServed} days served is impossible.`,
    );
  }
  checkServiceDays(data);
  const repeated = [
    ...duplicates(equipment.map((e) => e.lineId)),
    ...duplicates(selfSustainment.map((s) => s.category)),
  ];
  if (repeated.length > 0)
    fail('DUPLICATE_REPORT_ENTRY', `Reported twice: ${repeated.join(', ')}.`, { entries: repeated });
  // items counted on a line the annex version does not have are kept, with a warning (reportWarnings)
  const categories = new Set(terms.annexC.map((c) => c.category));
  // a category the annex has is taken as it is (an annex recorded before the code list may say
  // `Catering`); any other must at least be a code, else the clerk is told which one it meant
  assertCategoryCodes('self-sustainment', selfSustainment, 'selfSustainment', (s) =>
    categories.has(s.category),
  );
  const unknown = selfSustainment.filter((s) => !categories.has(s.category)).map((s) => s.category);
  if (unknown.length > 0) {
    fail('UNKNOWN_ANNEX_C_CATEGORY', `Not in annex C version ${terms.annexVersion}: ${unknown.join(', ')}.`, {
      categories: unknown,
    });
  }
  const missing = [
    ...terms.annexB.filter((l) => !equipment.some((e) => e.lineId === l.lineId)).map((l) => l.lineId),
    ...terms.annexC
      .filter((c) => !selfSustainment.some((s) => s.category === c.category))
      .map((c) => c.category),
  ];
  if (missing.length > 0) {
    fail('VERIFICATION_REPORT_INCOMPLETE', `The report says nothing of: ${missing.join(', ')}.`, { missing });
  }
};

// A report needs the unit in the mission area that month, days typed with a reason, ranges inside the
// month that do not overlap, arrival dates inside the month.
const checkServiceDays = (data: VerificationCommand['data']): void => {
  const { period, daysServed, daysServedReason, strengthByDay, equipment, serviceDays } = data;
  if (daysServed !== null && !daysServedReason?.trim()) {
    fail('DAYS_SERVED_REASON_REQUIRED', 'Days served typed over the unit’s movements need a reason.');
  }
  if (daysServed === null && serviceDays !== undefined && serviceDays.length === 0) {
    fail('UNIT_NOT_DEPLOYED_IN_PERIOD', `The unit was not in the mission area in ${period}.`, { period });
  }
  const last = daysInMonth(period);
  const ranges = [...(strengthByDay ?? [])].sort((a, b) => a.fromDay - b.fromDay);
  const bad = ranges.find(
    (r, i) =>
      r.fromDay < 1 || r.toDay > last || r.fromDay > r.toDay || (i > 0 && r.fromDay <= ranges[i - 1]!.toDay),
  );
  if (bad) {
    fail('INVALID_STRENGTH_RANGES', `Days ${bad.fromDay}–${bad.toDay} are outside ${period} or overlap.`, {
      range: bad,
    });
  }
  const late = equipment.find((e) => e.arrivedOn !== undefined && e.arrivedOn.slice(0, 7) !== period);
  if (late) {
    fail('INVALID_ARRIVAL_DATE', `Line ${late.lineId} arrived on ${late.arrivedOn}, not in ${period}.`, {
      lineId: late.lineId,
    });
  }
};

const contentOf = (data: VerificationCommand['data']): VerificationReportContent => {
  const equipment = equipmentAsVerified(data.terms, data.equipment);
  const counted = { strength: data.strength, strengthByDay: data.strengthByDay, equipment };
  return {
    mouId: data.mouId,
    mouRef: data.terms.mouRef,
    mission: data.terms.mission,
    contributor: data.terms.contributor,
    period: data.period,
    reportedOn: data.reportedOn,
    strength: data.strength,
    daysServed: data.daysServed,
    ...(data.daysServed !== null && data.daysServedReason ? { daysServedReason: data.daysServedReason } : {}),
    ...(data.strengthByDay && data.strengthByDay.length > 0 ? { strengthByDay: data.strengthByDay } : {}),
    equipment,
    selfSustainment: selfSustainmentAsVerified(data.selfSustainment),
    warnings: reportWarnings(data.terms, counted),
    ...attachedDocuments(data),
  };
};

const decide = (command: VerificationCommand, state: Verification): VerificationEvent[] => {
  checkAgainstTerms(command.data);
  const content = contentOf(command.data);
  checkHostileActionLosses(
    { ...command.data, equipment: content.equipment },
    command.data.recordedLosses ?? [],
  );
  switch (command.type) {
    case 'SubmitVerificationReport':
      if (state.report) {
        fail(
          'VERIFICATION_REPORT_EXISTS',
          `${content.period} is already reported; submit a correction instead.`,
        );
      }
      return [
        {
          type: 'VerificationReportSubmitted',
          data: { ...content, version: 1 },
          effectiveOn: content.reportedOn,
        },
      ];
    case 'CorrectVerificationReport': {
      if (!state.report) fail('VERIFICATION_REPORT_NOT_FOUND', `No report on ${content.period} to correct.`);
      const version = state.report!.version + 1;
      const data = { ...content, version, reason: command.data.reason };
      return [{ type: 'VerificationReportCorrected', data, effectiveOn: content.reportedOn }];
    }
  }
};

export const verificationDecider: Decider<VerificationCommand, VerificationEvent, Verification> = {
  initialState,
  evolve,
  decide,
};
