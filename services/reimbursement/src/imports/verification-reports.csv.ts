import {
  type CsvRow,
  CsvImportError,
  type MalformedCsvRow,
  type ImportRejection,
  isCalendarDate,
  isPeriod,
  parseCsvImport,
} from '@coe/platform';
import type { EquipmentVerified, Provision } from '../verification/verification.events';
import { type ImportedReport, type ParsedReports, ReportRejected } from './verification-reports.report';

type RecordKind = 'report' | 'strength' | 'equipment' | 'self_sustainment';
const RECORDS: readonly RecordKind[] = ['report', 'strength', 'equipment', 'self_sustainment'];

// Which record kinds fill each column; a cell filled on a row of another kind rejects the report.
const USED_BY = {
  report_ref: RECORDS,
  record: RECORDS,
  mou_ref: ['report'],
  mou_id: ['report'],
  period: ['report'],
  reported_on: ['report'],
  strength: ['report', 'strength'],
  days_served: ['report'],
  days_served_reason: ['report'],
  correction_reason: ['report'],
  from_day: ['strength'],
  to_day: ['strength'],
  line_id: ['equipment'],
  serviceable: ['equipment'],
  unserviceable: ['equipment'],
  absent: ['equipment'],
  lost_hostile_action: ['equipment'],
  incident_id: ['equipment'],
  not_deployed_un_request: ['equipment'],
  un_request_ref: ['equipment'],
  arrived_on: ['equipment'],
  category: ['self_sustainment'],
  provision: ['self_sustainment'],
} as const satisfies { [column: string]: readonly RecordKind[] };

type Column = keyof typeof USED_BY;

const REQUIRED: readonly Column[] = [
  'report_ref',
  'record',
  'period',
  'reported_on',
  'strength',
  'line_id',
  'serviceable',
  'category',
  'provision',
];

/** The columns of `POST /v1/imports/verification-reports` (text/csv); `mou_ref` or `mou_id` must be one of them. */
export const VERIFICATION_REPORT_COLUMNS = (Object.keys(USED_BY) as Column[]).map((name) => ({
  name,
  required: REQUIRED.includes(name),
}));

type Cells = { [column in Column]: string | undefined };

const reject = (code: ReportRejected['code'], message: string): never => {
  throw new ReportRejected(code, message);
};

const value = (cells: Cells, column: Column): string =>
  cells[column] ?? reject('MISSING_VALUE', `${column} is required on a ${cells.record} row`);

const integer = (cells: Cells, column: Column, min: number, max: number): number => {
  const text = value(cells, column);
  if (!/^\d{1,6}$/.test(text) || Number(text) < min || Number(text) > max) {
    reject('INVALID_NUMBER', `${column} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
};

const optionalInteger = (cells: Cells, column: Column, min: number, max: number): number | undefined =>
  cells[column] === undefined ? undefined : integer(cells, column, min, max);

const date = (cells: Cells, column: Column, today: string): string => {
  const text = value(cells, column);
  if (!isCalendarDate(text)) reject('INVALID_DATE', `${column} must be a calendar date written YYYY-MM-DD`);
  if (text > today) reject('DATE_IN_FUTURE', `${column} must not be after today (${today})`);
  return text;
};

const text = (cells: Cells, column: Column, max: number): string | undefined => {
  const found = cells[column];
  if (found !== undefined && found.length > max)
    reject('INVALID_REF', `${column} must be 1 to ${max} characters`);
  return found;
};

// Of the absent items, a count and the reference that explains it come together.
const exemption = <Name extends string>(
  cells: Cells,
  count: Column,
  reference: Column,
  name: Name,
): ({ count: number } & { [key in Name]: string }) | undefined => {
  const n = optionalInteger(cells, count, 1, 100000);
  const ref = text(cells, reference, 200);
  if (n === undefined && ref === undefined) return undefined;
  if (n === undefined) return reject('MISSING_VALUE', `${count} is required with ${reference}`);
  if (ref === undefined) return reject('MISSING_VALUE', `${reference} is required with ${count}`);
  return { count: n, [name]: ref } as { count: number } & { [key in Name]: string };
};

const equipmentOf = (cells: Cells, today: string): EquipmentVerified => {
  const unserviceable = optionalInteger(cells, 'unserviceable', 0, 100000);
  const absent = optionalInteger(cells, 'absent', 0, 100000);
  const lost = exemption(cells, 'lost_hostile_action', 'incident_id', 'incidentId');
  const notDeployed = exemption(cells, 'not_deployed_un_request', 'un_request_ref', 'reference');
  return {
    lineId: text(cells, 'line_id', 64) ?? reject('MISSING_VALUE', 'line_id is required on an equipment row'),
    presentAndServiceable: integer(cells, 'serviceable', 0, 100000),
    ...(unserviceable !== undefined ? { presentUnserviceable: unserviceable } : {}),
    ...(absent !== undefined ? { absent } : {}),
    ...(lost ? { lostThroughHostileAction: lost } : {}),
    ...(notDeployed ? { notDeployedAtUnRequest: notDeployed } : {}),
    ...(cells.arrived_on !== undefined ? { arrivedOn: date(cells, 'arrived_on', today) } : {}),
  };
};

const provisionOf = (cells: Cells): Provision => {
  const provision = value(cells, 'provision');
  if (provision !== 'full' && provision !== 'partial' && provision !== 'none') {
    reject('INVALID_PROVISION', 'provision must be full, partial or none');
  }
  return provision as Provision;
};

type Group = { ref: string; rows: CsvRow<Column>[]; fault?: ImportRejection };

const emptyReport = (line: number, ref: string): ImportedReport => ({
  line,
  ref,
  period: '',
  content: { reportedOn: '', strength: 0, daysServed: null, equipment: [], selfSustainment: [] },
  lines: { equipment: {}, selfSustainment: {}, strength: {} },
});

// The report row gives the unit, the month and the report's own values; the other rows add its items.
const addRow = (report: ImportedReport, cells: Cells, line: number, today: string): void => {
  const record = value(cells, 'record') as RecordKind;
  if (!RECORDS.includes(record)) reject('INVALID_RECORD', `record must be one of ${RECORDS.join(', ')}`);
  for (const column of Object.keys(USED_BY) as Column[]) {
    if (cells[column] !== undefined && !(USED_BY[column] as readonly RecordKind[]).includes(record)) {
      reject('UNEXPECTED_VALUE', `${column} has no meaning on a ${record} row`);
    }
  }
  const { content, lines } = report;
  switch (record) {
    case 'report': {
      const mouId = text(cells, 'mou_id', 200);
      const mouRef = text(cells, 'mou_ref', 64);
      if (mouId === undefined && mouRef === undefined)
        reject('MISSING_VALUE', 'mou_ref or mou_id is required');
      if (mouId !== undefined && !/^[\w.:-]{1,200}$/.test(mouId)) {
        reject('INVALID_MOU', 'mou_id may hold only letters, digits, _ . : and -');
      }
      const period = value(cells, 'period');
      if (!isPeriod(period)) reject('INVALID_PERIOD', 'period must be a month written YYYY-MM');
      const daysServed = optionalInteger(cells, 'days_served', 1, 31);
      const reason = text(cells, 'days_served_reason', 2000);
      const correction = text(cells, 'correction_reason', 2000);
      Object.assign(report, {
        line,
        period,
        ...(mouId !== undefined ? { mouId } : {}),
        ...(mouRef !== undefined ? { mouRef } : {}),
        ...(correction !== undefined ? { correctionReason: correction } : {}),
      });
      Object.assign(content, {
        reportedOn: date(cells, 'reported_on', today),
        strength: integer(cells, 'strength', 0, 20000),
        daysServed: daysServed ?? null,
        daysServedReason: reason ?? null,
      });
      return;
    }
    case 'strength': {
      const range = {
        fromDay: integer(cells, 'from_day', 1, 31),
        toDay: integer(cells, 'to_day', 1, 31),
        strength: integer(cells, 'strength', 0, 20000),
      };
      content.strengthByDay = [...(content.strengthByDay ?? []), range];
      lines.strength[`${range.fromDay}-${range.toDay}`] ??= line;
      return;
    }
    case 'equipment': {
      const item = equipmentOf(cells, today);
      content.equipment.push(item);
      lines.equipment[item.lineId] ??= line;
      return;
    }
    case 'self_sustainment': {
      const category =
        text(cells, 'category', 200) ??
        reject('MISSING_VALUE', 'category is required on a self_sustainment row');
      const provision = provisionOf(cells);
      content.selfSustainment.push({ category, providedToStandard: provision === 'full', provision });
      lines.selfSustainment[category] ??= line;
    }
  }
};

const toReport = (group: Group, today: string): ImportedReport => {
  const reportRows = group.rows.filter((row) => row.values.record === 'report');
  const firstRow = group.rows[0]!;
  if (reportRows.length === 0) {
    throw new ReportRejected('REPORT_ROW_MISSING', `report ${group.ref} has no report row`, firstRow.line);
  }
  if (reportRows.length > 1) {
    throw new ReportRejected(
      'REPORT_ROW_REPEATED',
      `report ${group.ref} has more than one report row`,
      reportRows[1]!.line,
    );
  }
  const report = emptyReport(reportRows[0]!.line, group.ref);
  for (const row of group.rows) {
    try {
      addRow(report, row.values, row.line, today);
    } catch (error) {
      if (error instanceof ReportRejected) error.line ??= row.line;
      throw error;
    }
  }
  return report;
};

const REF_LIMIT = 64;

/**
 * Reads the flat CSV of verification reports (CONTRACT.md 4's conventions): rows grouped by `report_ref`,
 * one `report` row each plus its `strength`, `equipment` and `self_sustainment` rows, in any order. A
 * report is rejected as a whole, naming the line of its first faulty row; a body without a header, with
 * an unknown column or without a required one is a {@link CsvImportError} (400, nothing imported).
 */
export const verificationReportsFromCsv = (csv: string, today: string): ParsedReports => {
  const parsed = parseCsvImport(csv, { columns: VERIFICATION_REPORT_COLUMNS });
  const header = (csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '')
    .split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''));
  if (!header.includes('mou_ref') && !header.includes('mou_id')) {
    throw new CsvImportError('CSV_MISSING_COLUMN', 'Missing required column "mou_ref" (or "mou_id").', [
      { field: 'mou_ref', message: 'is a required column (or mou_id)' },
    ]);
  }
  const refIndex = header.indexOf('report_ref');
  const groups = new Map<string, Group>();
  const rejected: ImportRejection[] = [];
  const faulty = (ref: string, fault: ImportRejection): void => {
    const group = groups.get(ref);
    if (!group) groups.set(ref, { ref, rows: [], fault });
    else if (!group.fault || fault.line < group.fault.line) group.fault = fault;
  };
  const entries: { line: number; row?: CsvRow<Column>; malformed?: MalformedCsvRow }[] = [
    ...parsed.rows.map((row) => ({ line: row.line, row })),
    ...parsed.malformed.map((malformed) => ({ line: malformed.line, malformed })),
  ].sort((a, b) => a.line - b.line);
  for (const entry of entries) {
    if (entry.malformed) {
      const { line, reason, cells, code } = entry.malformed;
      const ref = cells[refIndex]?.trim() ?? '';
      const fault = { line, ref, code: code ?? 'MALFORMED_ROW', reason };
      if (ref === '') rejected.push(fault);
      else faulty(ref, fault);
      continue;
    }
    const row = entry.row!;
    const ref = row.values.report_ref;
    if (ref === undefined || ref.length > REF_LIMIT) {
      const reason =
        ref === undefined ? 'report_ref is required' : `report_ref must be 1 to ${REF_LIMIT} characters`;
      rejected.push({
        line: row.line,
        ref: ref ?? '',
        code: ref === undefined ? 'MISSING_VALUE' : 'INVALID_REF',
        reason,
      });
      continue;
    }
    const group = groups.get(ref) ?? { ref, rows: [] };
    group.rows.push(row);
    groups.set(ref, group);
  }
  const reports: ImportedReport[] = [];
  for (const group of groups.values()) {
    if (group.rows.length === 0) {
      rejected.push(group.fault!);
      continue;
    }
    try {
      const report = toReport(group, today);
      if (group.fault) rejected.push(group.fault);
      else reports.push(report);
    } catch (error) {
      if (!(error instanceof ReportRejected)) throw error;
      const line = error.line ?? group.rows[0]!.line;
      const own = { line, ref: group.ref, code: error.code, reason: error.message };
      rejected.push(group.fault && group.fault.line < line ? group.fault : own);
    }
  }
  return { reports, rejected };
};
