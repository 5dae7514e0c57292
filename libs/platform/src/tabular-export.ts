import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import ExcelJS from 'exceljs';
import type { Response } from 'express';

/** One table of an export: a CSV file, or one sheet of a workbook. */
export type ExportTable = { name: string; columns: readonly string[]; rows: readonly (readonly unknown[])[] };

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `format` query parameter of an export route: `csv` (the default) or `xlsx`. */
export const IsExportFormat =
  (
    description = "csv: the report's rows; xlsx: a workbook with the rows and the totals, a sheet each",
  ): PropertyDecorator =>
  (target, key) => {
    ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description })(target, key);
    IsOptional()(target, key);
    IsIn(EXPORT_FORMATS)(target, key);
  };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Text a spreadsheet would run as a formula, kept as text behind a leading quote. */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** One CSV cell: formula-looking text neutralised with a leading quote, then RFC 4180 quoting. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const cell = neutraliseFormula(text(value));
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
};

export const tableToCsv = (table: ExportTable): string =>
  [table.columns, ...table.rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');

// Numbers (counts, days) stay numbers; everything else, money included, is text exactly as in the JSON,
// so no amount passes through a binary float, and no cell is ever a formula.
const xlsxCell = (value: unknown): string | number | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return neutraliseFormula(text(value));
};

const WORKBOOK_DATE = new Date('2000-01-01T00:00:00Z');

/** A workbook with one sheet per table, header row bold and frozen. */
export const tablesToXlsx = async (tables: readonly ExportTable[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'COE Ledger';
  // the same rows give the same workbook: no clock in its properties (an auditor can compare two exports)
  workbook.created = workbook.modified = WORKBOOK_DATE;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
    sheet.columns.forEach((column) => (column.width = 16));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/**
 * Sends tables as an attachment: `csv` is the first table (the report's rows), `xlsx` a workbook with
 * every table as a sheet.
 */
export const sendTables = async (
  res: Response,
  filename: string,
  format: ExportFormat,
  tables: readonly ExportTable[],
): Promise<void> => {
  res.status(200).setHeader('Content-Disposition', `attachment; filename="${filename}.${format}"`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(tables[0] === undefined ? '' : tableToCsv(tables[0]));
    return;
  }
  res.type(XLSX_TYPE).send(await tablesToXlsx(tables));
};

/**
 * Streams one table as an xlsx attachment, rows as they come (the event log may be long): nothing is
 * held in memory but the current rows.
 */
export const streamXlsx = async (
  res: Response,
  filename: string,
  table: Omit<ExportTable, 'rows'>,
  rows: AsyncIterable<readonly unknown[]>,
): Promise<void> => {
  res.status(200).type(XLSX_TYPE).setHeader('Content-Disposition', `attachment; filename="${filename}.xlsx"`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...table.columns]).commit();
  for await (const row of rows) sheet.addRow(row.map(xlsxCell)).commit();
  sheet.commit();
  await workbook.commit();
};
