import type { DomainError } from '@coe/platform';
import type { VerificationReportContent } from '../verification/verification.events';

/** Why a report of a verification-report import is rejected, besides the single POST's own codes. */
export type ReportRowCode =
  | 'MISSING_VALUE'
  | 'INVALID_REF'
  | 'INVALID_MOU'
  | 'INVALID_PERIOD'
  | 'INVALID_DATE'
  | 'DATE_IN_FUTURE'
  | 'INVALID_NUMBER'
  | 'INVALID_RECORD'
  | 'INVALID_PROVISION'
  | 'INVALID_VALUE'
  | 'UNKNOWN_FIELD'
  | 'UNEXPECTED_VALUE'
  | 'REPORT_ROW_MISSING'
  | 'REPORT_ROW_REPEATED'
  | 'MOU_REF_MISMATCH';

/** A report refused before the domain sees it; `line` is its faulty row's, once known. */
export class ReportRejected extends Error {
  constructor(
    readonly code: ReportRowCode,
    message: string,
    public line?: number,
  ) {
    super(message);
  }
}

/** What a report says, as the single POST takes it (`RecordVerificationReportCommand`'s data). */
export type ImportedContent = Pick<
  VerificationReportContent,
  | 'reportedOn'
  | 'strength'
  | 'daysServed'
  | 'daysServedReason'
  | 'strengthByDay'
  | 'equipment'
  | 'selfSustainment'
>;

/**
 * One report of an import, read from its CSV rows or its JSON object: which unit (mouId, mouRef or both)
 * and month, its content, an optional correction reason, and where it came from, so a refusal names the
 * line of the faulty row.
 */
export type ImportedReport = {
  /** The CSV line of the `report` row (the header is line 1), or the 1-based index in the JSON array. */
  line: number;
  ref: string;
  mouId?: string;
  mouRef?: string;
  period: string;
  correctionReason?: string;
  content: ImportedContent;
  /** CSV lines of the item rows by annex B line, annex C category and strength range (`from-to`). */
  lines: {
    equipment: Record<string, number>;
    selfSustainment: Record<string, number>;
    strength: Record<string, number>;
  };
};

export type ParsedReports = {
  reports: ImportedReport[];
  rejected: { line: number; ref: string; code: string; reason: string }[];
};

const first = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined;

/**
 * The line a domain refusal names: the item row it is about when the refusal says which (an annex B
 * line, an annex C category, a strength range), the report's own line otherwise.
 */
export const refusalLine = (report: ImportedReport, error: DomainError): number => {
  const details = error.details ?? {};
  const lineId = first(details.lineId) ?? first(details.lineIds);
  const category = first(details.category) ?? first(details.categories);
  const range = details.range as { fromDay?: number; toDay?: number } | undefined;
  return (
    (lineId !== undefined ? report.lines.equipment[lineId] : undefined) ??
    (category !== undefined ? report.lines.selfSustainment[category] : undefined) ??
    (range ? report.lines.strength[`${range.fromDay}-${range.toDay}`] : undefined) ??
    report.line
  );
};
