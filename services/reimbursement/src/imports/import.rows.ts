import type { PayableCategory } from '@coe/contracts';
import {
  type ImportRejection,
  isCalendarDate,
  isIso3,
  isMissionCode,
  isMoneyAmount,
  isPeriod,
  malformedRejections,
  parseCsvImport,
} from '@coe/platform';
import { money, usd } from '../shared/money';

/** Why a row of a legacy file is rejected (CONTRACT.md 4.2, 4.3), besides the domain's own codes. */
export type RowCode =
  | 'MISSING_VALUE'
  | 'INVALID_REF'
  | 'INVALID_MISSION'
  | 'INVALID_CONTRIBUTOR'
  | 'INVALID_CATEGORY'
  | 'INVALID_PERIOD'
  | 'INVALID_AMOUNT'
  | 'INVALID_DATE'
  | 'DATE_IN_FUTURE'
  | 'PERIOD_AFTER_CERTIFICATION';

export class RowRejected extends Error {
  constructor(
    readonly code: RowCode,
    message: string,
  ) {
    super(message);
  }
}

const CATEGORIES: readonly PayableCategory[] = [
  'personnel',
  'major_equipment',
  'self_sustainment',
  'letter_of_assist',
  'death_and_disability',
];

type Cells = Record<string, string | undefined>;

const required = (cells: Cells, column: string): string => {
  const value = cells[column];
  if (value === undefined) throw new RowRejected('MISSING_VALUE', `${column} is required`);
  return value;
};

const check = (ok: boolean, code: RowCode, message: string): void => {
  if (!ok) throw new RowRejected(code, message);
};

export const refCell = (cells: Cells, column: string): string => {
  const ref = required(cells, column);
  check(ref.length <= 64, 'INVALID_REF', `${column} must be 1 to 64 characters`);
  return ref;
};

export const missionCell = (cells: Cells): string => {
  const mission = required(cells, 'mission');
  check(isMissionCode(mission), 'INVALID_MISSION', 'mission must be 2 to 12 capital letters');
  return mission;
};

export const contributorCell = (cells: Cells): string => {
  const contributor = required(cells, 'contributor');
  check(
    isIso3(contributor),
    'INVALID_CONTRIBUTOR',
    'contributor must be an ISO 3166-1 alpha-3 code in capitals',
  );
  return contributor;
};

export const amountCell = (cells: Cells): string => {
  const amount = required(cells, 'amount');
  check(
    isMoneyAmount(amount),
    'INVALID_AMOUNT',
    'amount must be above 0, with at most 2 decimals and no separators',
  );
  return usd(money(amount));
};

export const dateCell = (cells: Cells, column: string, today: string): string => {
  const date = required(cells, column);
  check(isCalendarDate(date), 'INVALID_DATE', `${column} must be a calendar date written YYYY-MM-DD`);
  check(date <= today, 'DATE_IN_FUTURE', `${column} must not be after today (${today})`);
  return date;
};

export const categoryCell = (cells: Cells): PayableCategory => {
  const category = required(cells, 'category');
  check(
    CATEGORIES.includes(category as PayableCategory),
    'INVALID_CATEGORY',
    `category must be one of ${CATEGORIES.join(', ')}`,
  );
  return category as PayableCategory;
};

export const periodCell = (cells: Cells): string => {
  const period = required(cells, 'period');
  check(isPeriod(period), 'INVALID_PERIOD', 'period must be a month written YYYY-MM');
  return period;
};

/** The column's position in the header, to name the reference of a row that could not be read. */
export const columnIndex = (csv: string, column: string): number => {
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return Math.max(
    header.split(',').findIndex((name) => name.trim().replace(/^"|"$/g, '') === column),
    0,
  );
};

/**
 * Parses a legacy file and validates each row with `toRow`: the rows that pass, in file order, and the
 * rejections (malformed lines and RowRejected), each naming the row's `refColumn` value.
 */
export const validateRows = <Name extends string, Row>(
  csv: string,
  columns: readonly { name: Name; required: boolean }[],
  refColumn: Name,
  toRow: (line: number, cells: Record<string, string | undefined>) => Row,
): { valid: Row[]; rejected: ImportRejection[] } => {
  const parsed = parseCsvImport(csv, { columns });
  const rejected: ImportRejection[] = malformedRejections(parsed, columnIndex(csv, refColumn));
  const valid: Row[] = [];
  for (const { line, values } of parsed.rows) {
    try {
      valid.push(toRow(line, values));
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      rejected.push({ line, ref: values[refColumn] ?? '', code: error.code, reason: error.message });
    }
  }
  return { valid, rejected };
};
