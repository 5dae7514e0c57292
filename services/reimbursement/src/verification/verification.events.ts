import type { ReportWarning } from './verification.warnings';
import type { AttachedDocument } from '@coe/contracts';

// Monthly verification reports of the mission's COE inspectors, one stream per unit (MOU) and month:
// `verification-<mouId>-<period>`. A correction is version n+1 with the whole content again.

/**
 * One annex B line as inspected. `presentAndServiceable` keeps its first meaning; the rest tells apart what
 * is missing (resolution 67/261) and was added later, so older reports carry none of it: their whole
 * shortfall counts against the contributor, as it did when they were recorded.
 */
export type EquipmentVerified = {
  lineId: string;
  presentAndServiceable: number;
  /** Present but unserviceable. */
  presentUnserviceable?: number;
  /** Not in the mission area. */
  absent?: number;
  /** Of the absent: lost through a recorded hostile-action incident. */
  lostThroughHostileAction?: { count: number; incidentId: string };
  /** Of the absent: not deployed because the UN asked so. */
  notDeployedAtUnRequest?: { count: number; reference: string };
  /** Set when the line's equipment reached the mission area after the month began (after the troops). */
  arrivedOn?: string;
};

/** Whether an annex C category was provided: in full (to standard), in part, or not. */
export type Provision = 'full' | 'partial' | 'none';

/** `providedToStandard` is true exactly when `provision` is `full`; older reports carry no `provision`. */
export type SelfSustainmentVerified = {
  category: string;
  providedToStandard: boolean;
  provision?: Provision;
};

/** Strength on calendar days `fromDay`…`toDay` of the month (a rotation month has several). */
export type StrengthRange = { fromDay: number; toDay: number; strength: number };

export type VerificationReportContent = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  /** `YYYY-MM`, the month verified. */
  period: string;
  reportedOn: string;
  /** Actual personnel strength. */
  strength: number;
  /**
   * A typed override of the days served, with `daysServedReason`; null when the days follow from the unit's
   * movements (reports recorded before movements were known used it for every part month).
   */
  daysServed: number | null;
  daysServedReason?: string | null;
  /** Strength by day ranges; a service day no range names has `strength`. Absent: `strength` every day. */
  strengthByDay?: StrengthRange[] | null;
  equipment: EquipmentVerified[];
  selfSustainment: SelfSustainmentVerified[];
  /**
   * What was counted beyond the MOU annex version the report was checked against (strength above the
   * ceiling, items above the MOU quantity or on no MOU line), as found when it was recorded; reports
   * recorded before warnings were kept carry none (read as none).
   */
  warnings?: ReportWarning[];
  /** Documents of this version (e.g. the inspectors' signed report); absent when none. */
  documents?: AttachedDocument[];
};

export type VerificationReportSubmitted = VerificationReportContent & { version: 1 };
export type VerificationReportCorrected = VerificationReportContent & { version: number; reason: string };

export type VerificationEvent =
  | { type: 'VerificationReportSubmitted'; data: VerificationReportSubmitted; effectiveOn: string }
  | { type: 'VerificationReportCorrected'; data: VerificationReportCorrected; effectiveOn: string };

/** The report as a claim uses it: its latest version. */
export type VerificationReport = VerificationReportContent & { version: number };

export const verificationStream = (mouId: string, period: string): string =>
  `verification-${mouId}-${period}`;
