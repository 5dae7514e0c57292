import ExcelJS from 'exceljs';
import { type ExportTable, csvCell, tableToCsv, tablesToXlsx } from './tabular-export';

const table: ExportTable = {
  name: 'payables',
  columns: ['contributor', 'outstanding', 'claims', 'note'],
  rows: [
    ['IND', '38000000.00', 12, '=HYPERLINK("http://x","y")'],
    ['NPL', '23927600.00', 3, '+1, "quoted"'],
    ['RWA', '-5.00', 0, null],
  ],
};

describe('a CSV export', () => {
  it('neutralises formula-looking text and quotes as RFC 4180 says', () =>
    expect(tableToCsv(table)).toBe(
      'contributor,outstanding,claims,note\r\n' +
        'IND,38000000.00,12,"\'=HYPERLINK(""http://x"",""y"")"\r\n' +
        'NPL,23927600.00,3,"\'+1, ""quoted"""\r\n' +
        "RWA,'-5.00,0,\r\n",
    ));

  it('writes other values as JSON', () => expect(csvCell({ a: 1n })).toBe('"{""a"":""1""}"'));
});

describe('an Excel export', () => {
  it('writes one sheet per table: numbers as numbers, money as its exact text, no formula anywhere', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await tablesToXlsx([table, { name: 'second', columns: ['x'], rows: [['@SUM(A1)']] }])) as never,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['payables', 'second']);
    const values = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    expect(values(workbook.getWorksheet('payables')!)).toEqual([
      ['contributor', 'outstanding', 'claims', 'note'],
      ['IND', '38000000.00', 12, '\'=HYPERLINK("http://x","y")'],
      ['NPL', '23927600.00', 3, '\'+1, "quoted"'],
      ['RWA', "'-5.00", 0],
    ]);
    expect(values(workbook.getWorksheet('second')!)).toEqual([['x'], ["'@SUM(A1)"]]);
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
  });
});
