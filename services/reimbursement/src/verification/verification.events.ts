// Monthly verification reports of the mission's COE inspectors, one stream per unit (MOU) and month:
// `verification-<mouId>-<period>`. A correction is version n+1 with the whole content again.

export type EquipmentVerified = { lineId: string; presentAndServiceable: number };
export type SelfSustainmentVerified = { category: string; providedToStandard: boolean };

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
  /** Days the unit served in the month when it served part of it; null for the whole month. */
  daysServed: number | null;
  equipment: EquipmentVerified[];
  selfSustainment: SelfSustainmentVerified[];
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
