import type { MouTerms } from '../mou-terms/mou-terms';
import type { RecordedHostileActionLoss } from './verification.hostile-losses';
import type { VerificationDocumented } from './verification.documents';
import type { VerificationReportContent } from './verification.events';

type ReportData = Omit<VerificationReportContent, 'mouRef' | 'mission' | 'contributor' | 'warnings' | 'documents'
> &
  VerificationDocumented & {
    /** The annex version governing the month, which the report is checked against. */
    terms: MouTerms;
    /** The calendar days of the month the unit's movements put it in the mission area, when known. */
    serviceDays?: number[];
    /** The recorded items of the hostile-action incidents the report names (none named: none needed). */
    recordedLosses?: RecordedHostileActionLoss[];
  };

export type SubmitVerificationReport = { type: 'SubmitVerificationReport'; data: ReportData };
export type CorrectVerificationReport = {
  type: 'CorrectVerificationReport';
  data: ReportData & { reason: string };
};

export type VerificationCommand = SubmitVerificationReport | CorrectVerificationReport;
