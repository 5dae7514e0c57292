import { type ExecutionContext, HttpStatus, createParamDecorator } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProperty } from '@nestjs/swagger';
import { parse } from 'csv-parse/sync';
import type { IncomingMessage } from 'node:http';
import { DomainError, type FieldError, ProblemException } from './problem';

export type CsvColumn = { name: string; required: boolean };
export type CsvImportSpec = { columns: readonly CsvColumn[] };

/** One data row: `line` counts the header as line 1 (the line the row starts on); empty cell = undefined. */
export type CsvRow<Name extends string = string> = { line: number; values: Record<Name, string | undefined> };
/** A row that cannot be read as the header says (wrong number of cells); report it as `MALFORMED_ROW`. */
export type MalformedCsvRow = { line: number; reason: string; cells: string[]; code?: string };
export type CsvImport<Name extends string = string> = { rows: CsvRow<Name>[]; malformed: MalformedCsvRow[] };

/** The response of every import route (CONTRACT.md section 4). */
export type ImportRejection = { line: number; ref: string; code: string; reason: string };
export type ImportResult = { imported: number; unchanged: number; rejected: ImportRejection[] };

/** The code for a row with the wrong number of cells. */
export const MALFORMED_ROW = 'MALFORMED_ROW';
/** A cell a spreadsheet would run as a formula (CSV injection): the row is refused, never stored. */
export const FORMULA_NOT_ALLOWED = 'FORMULA_NOT_ALLOWED';
// `-` only when not a number: amounts and dates never start with it, but "-5" is still a value to refuse later
const FORMULA_CELL = /^\s*(?:[=+@]|-(?![\d.]))/;

export type CsvErrorCode =
  | 'CSV_MALFORMED'
  | 'CSV_UNKNOWN_COLUMN'
  | 'CSV_MISSING_COLUMN'
  | 'CSV_DUPLICATE_COLUMN';

/** A body that cannot be imported at all: 400, nothing imported. `details.errors` lists what is wrong. */
export class CsvImportError extends DomainError<CsvErrorCode> {
  constructor(code: CsvErrorCode, message: string, errors: FieldError[] = [{ field: 'body', message }]) {
    super(code, message, { errors });
  }
}

const malformed = (detail: string): CsvImportError => new CsvImportError('CSV_MALFORMED', detail);

type ParsedRecord = { record: string[]; raw: string };

const lineBreaks = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
};

const readRecords = (text: string): ParsedRecord[] => {
  try {
    return parse(text, {
      bom: true,
      delimiter: ',',
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      raw: true,
      skip_empty_lines: false,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const { message, lines } = error as { message?: unknown; lines?: unknown };
    throw malformed(
      `The body is not readable CSV${typeof lines === 'number' ? ` (near line ${lines})` : ''}: ${String(message)}`,
    );
  }
};

const cell = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

/**
 * Reads an import body as CONTRACT.md section 4 says: UTF-8, comma-separated, a header row, columns in
 * any order. Throws a {@link CsvImportError} (400, nothing imported) for an empty or unreadable body
 * (`CSV_MALFORMED`), a column the spec does not know (`CSV_UNKNOWN_COLUMN`), a required column missing
 * (`CSV_MISSING_COLUMN`) or a column named twice (`CSV_DUPLICATE_COLUMN`). Rows with only empty cells are
 * skipped; rows with the wrong number of cells come back in `malformed`. Cells are trimmed.
 */
export const parseCsvImport = <Name extends string>(
  body: string,
  spec: { columns: readonly { name: Name; required: boolean }[] },
): CsvImport<Name> => {
  if (typeof body !== 'string' || body.trim() === '' || body.trim() === '\uFEFF') {
    throw malformed('The body is empty: a CSV file with a header row is expected.');
  }
  if (body.includes('\u0000')) throw malformed('The body is binary, not CSV text.');
  if (body.includes('\uFFFD')) throw malformed('The body is not valid UTF-8 text.');

  // One line-break convention, so a row's line number is the count of "\n" before it.
  const records = readRecords(body.replace(/\r\n?/g, '\n'));
  let line = 1;
  let header: string[] | undefined;
  const rows: CsvRow<Name>[] = [];
  const malformedRows: MalformedCsvRow[] = [];
  for (const { record, raw } of records) {
    const start = line;
    line += lineBreaks(raw);
    if (record.every((value) => value.trim() === '')) continue;
    if (header === undefined) {
      header = record.map((name) => name.trim());
      checkHeader(header, spec.columns);
      continue;
    }
    if (record.length !== header.length) {
      malformedRows.push({
        line: start,
        reason: `expected ${header.length} cells as in the header, found ${record.length}`,
        cells: record,
      });
      continue;
    }
    const formula = record.find((value) => FORMULA_CELL.test(value));
    if (formula !== undefined) {
      malformedRows.push({
        line: start,
        reason: `a cell starts like a spreadsheet formula: ${JSON.stringify(formula.slice(0, 40))}`,
        cells: record,
        code: FORMULA_NOT_ALLOWED,
      });
      continue;
    }
    const values = Object.fromEntries(spec.columns.map((column) => [column.name, undefined])) as Record<
      Name,
      string | undefined
    >;
    header.forEach((name, index) => {
      values[name as Name] = cell(record[index]);
    });
    rows.push({ line: start, values });
  }
  if (header === undefined) throw malformed('The body has no header row.');
  return { rows, malformed: malformedRows };
};

const checkHeader = (header: string[], columns: readonly CsvColumn[]): void => {
  const known = new Set(columns.map((column) => column.name));
  const unknown = header.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const named = unknown.map((name) => (name === '' ? '(a column with no name)' : `"${name}"`));
    const hint =
      header.length === 1 && /[;\t]/.test(header[0] ?? '') ? ' Columns must be separated by commas.' : '';
    throw new CsvImportError(
      'CSV_UNKNOWN_COLUMN',
      `Unknown column${unknown.length > 1 ? 's' : ''} ${named.join(', ')}; expected: ${[...known].join(', ')}.${hint}`,
      unknown.map((name) => ({ field: name, message: 'is not a column of this import' })),
    );
  }
  const duplicated = header.filter((name, index) => header.indexOf(name) !== index);
  if (duplicated.length > 0) {
    throw new CsvImportError(
      'CSV_DUPLICATE_COLUMN',
      `Column${duplicated.length > 1 ? 's' : ''} ${duplicated.map((n) => `"${n}"`).join(', ')} appear more than once.`,
      duplicated.map((name) => ({ field: name, message: 'appears more than once in the header' })),
    );
  }
  const missing = columns
    .filter((column) => column.required && !header.includes(column.name))
    .map((c) => c.name);
  if (missing.length > 0) {
    throw new CsvImportError(
      'CSV_MISSING_COLUMN',
      `Missing required column${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}.`,
      missing.map((name) => ({ field: name, message: 'is a required column' })),
    );
  }
};

/** The rejections of the malformed rows of a parsed import, to put in {@link ImportResult}. */
export const malformedRejections = (parsed: Pick<CsvImport, 'malformed'>, refColumn = 0): ImportRejection[] =>
  parsed.malformed.map(({ line, reason, cells, code }) => ({
    line,
    ref: cells[refColumn]?.trim() ?? '',
    code: code ?? MALFORMED_ROW,
    reason,
  }));

const isCsv = (request: IncomingMessage): boolean =>
  /^text\/csv\s*(;|$)/i.test(request.headers['content-type'] ?? '');

/**
 * Controller parameter decorator: the `text/csv` request body as a string (read up to 20 MB by the app's
 * body parser). Another content type: 400 `NOT_CSV` (CONTRACT.md 4: a body that is not CSV is a 400); an
 * empty body: 400 `CSV_MALFORMED`.
 * Also documents the body as `text/csv` in OpenAPI.
 */
export const CsvBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const request = context.switchToHttp().getRequest<IncomingMessage & { body?: unknown }>();
    if (!isCsv(request)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'NOT_CSV',
        'This route takes a CSV file: send it with Content-Type: text/csv.',
        { errors: [{ field: 'body', message: 'must be text/csv' }] },
      );
    }
    if (typeof request.body !== 'string' || request.body.trim() === '') {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'CSV_MALFORMED',
        'The body is empty: a CSV file with a header row is expected.',
        {
          errors: [{ field: 'body', message: 'is empty' }],
        },
      );
    }
    return request.body;
  },
  [
    (target, key) => {
      if (key === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor === undefined) return;
      ApiConsumes('text/csv')(target, key, descriptor);
      ApiBody({ description: 'CSV, UTF-8, comma-separated, header row first', schema: { type: 'string' } })(
        target,
        key,
        descriptor,
      );
    },
  ],
);

class ImportRejectionResponse {
  @ApiProperty({ example: 3, description: 'The line of the file; the header is line 1' }) line!: number;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03', description: 'The row’s reference, empty when it has none' })
  ref!: string;
  @ApiProperty({
    example: 'CONFLICTS_WITH_HISTORY',
    description:
      'Why the row was rejected: a code of the import (its description lists them), MALFORMED_ROW, ' +
      'FORMULA_NOT_ALLOWED or CONFLICTS_WITH_HISTORY (also for a reference repeated with other content ' +
      'in the same file).',
  })
  code!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03 is recorded with other content' }) reason!: string;
}

/** The answer of every CSV import (200): what was imported, what was already there, what was rejected. */
export class ImportResultResponse implements ImportResult {
  @ApiProperty({ example: 41 }) imported!: number;
  @ApiProperty({ example: 2, description: 'Rows already recorded exactly as the file says' })
  unchanged!: number;
  @ApiProperty({ type: [ImportRejectionResponse] }) rejected!: ImportRejectionResponse[];
}
