import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { reportContentOf } from '../verification/verification.http.requests';
import { ImportVerificationReportRequest } from './verification-reports.http.requests';
import type { ImportedReport, ParsedReports, ReportRowCode } from './verification-reports.report';

const leaf = (error: ValidationError, path: string): { error: ValidationError; path: string } => {
  const child = error.children?.[0];
  if (!child || error.constraints) return { error, path };
  return leaf(
    child,
    /^\d+$/.test(child.property) ? `${path}[${child.property}]` : `${path}.${child.property}`,
  );
};

// The first thing wrong with an object: a field the format does not have, a field missing, or a bad value.
const problemOf = (errors: ValidationError[]): { code: ReportRowCode; reason: string } => {
  const { error, path } = leaf(errors[0]!, errors[0]!.property);
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints)
    return { code: 'UNKNOWN_FIELD', reason: `${path} is not a field of a report` };
  if (error.value === undefined || error.value === null)
    return { code: 'MISSING_VALUE', reason: `${path} is required` };
  return { code: 'INVALID_VALUE', reason: `${path}: ${Object.values(constraints).join('; ')}` };
};

const refOf = (item: unknown, index: number): string => {
  const { reportRef, mouRef, mouId, period } = (item ?? {}) as Record<string, unknown>;
  const unit = typeof mouRef === 'string' ? mouRef : mouId;
  if (typeof reportRef === 'string') return reportRef.slice(0, 64);
  if (typeof unit === 'string' && typeof period === 'string') return `${unit}/${period}`.slice(0, 264);
  return `#${index + 1}`;
};

/**
 * Reads the JSON form of the import: an array of objects shaped like `POST /v1/verification-reports`'s body,
 * plus `mouId` or `mouRef`, `period` and an optional `correctionReason`. A report's line is its 1-based
 * index in the array; an object that does not validate is rejected alone.
 */
export const verificationReportsFromJson = (items: readonly unknown[]): ParsedReports => {
  const reports: ImportedReport[] = [];
  const rejected: ParsedReports['rejected'] = [];
  items.forEach((item, index) => {
    const line = index + 1;
    const ref = refOf(item, index);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected.push({ line, ref, code: 'INVALID_VALUE', reason: 'a report must be a JSON object' });
      return;
    }
    const body = plainToInstance(ImportVerificationReportRequest, item);
    const errors = validateSync(body, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      rejected.push({ line, ref, ...problemOf(errors) });
      return;
    }
    if (body.mouId === undefined && body.mouRef === undefined) {
      rejected.push({ line, ref, code: 'MISSING_VALUE', reason: 'mouRef or mouId is required' });
      return;
    }
    reports.push({
      line,
      ref,
      ...(body.mouId !== undefined ? { mouId: body.mouId } : {}),
      ...(body.mouRef !== undefined ? { mouRef: body.mouRef } : {}),
      period: body.period,
      ...(body.correctionReason !== undefined ? { correctionReason: body.correctionReason } : {}),
      content: reportContentOf(body),
      lines: { equipment: {}, selfSustainment: {}, strength: {} },
    });
  });
  return { reports, rejected };
};
