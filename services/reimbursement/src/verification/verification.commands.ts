import type { MouTerms } from '../mou-terms/mou-terms';
import type { VerificationReportContent } from './verification.events';

type ReportData = Omit<VerificationReportContent, 'mouRef' | 'mission' | 'contributor'> & {
  /** The annex version governing the month, which the report is checked against. */
  terms: MouTerms;
  /** The calendar days of the month the unit's movements put it in the mission area, when known. */
  serviceDays?: number[];
};

export type SubmitVerificationReport = { type: 'SubmitVerificationReport'; data: ReportData };
export type CorrectVerificationReport = {
  type: 'CorrectVerificationReport';
  data: ReportData & { reason: string };
};

export type VerificationCommand = SubmitVerificationReport | CorrectVerificationReport;
