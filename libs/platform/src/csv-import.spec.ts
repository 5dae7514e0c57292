import { type CsvImportError, MALFORMED_ROW, malformedRejections, parseCsvImport } from './csv-import';

const spec = {
  columns: [
    { name: 'mou_ref', required: true },
    { name: 'contributor', required: true },
    { name: 'signed_on', required: false },
  ],
} as const;

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as CsvImportError).code;
  }
  return undefined;
};

describe('parseCsvImport', () => {
  it('reads rows by header name, columns in any order, the header being line 1', () =>
    expect(parseCsvImport('contributor,mou_ref\nBGD,M-1\nNPL,M-2\n', spec)).toEqual({
      rows: [
        { line: 2, values: { mou_ref: 'M-1', contributor: 'BGD', signed_on: undefined } },
        { line: 3, values: { mou_ref: 'M-2', contributor: 'NPL', signed_on: undefined } },
      ],
      malformed: [],
    }));

  it('reads an empty cell as no value, and trims cells', () =>
    expect(parseCsvImport('mou_ref,contributor,signed_on\n M-1 ,,\n', spec).rows).toEqual([
      { line: 2, values: { mou_ref: 'M-1', contributor: undefined, signed_on: undefined } },
    ]));

  it('counts lines across quoted fields holding line breaks', () => {
    const body = 'mou_ref,contributor\n"M-1\nsecond line",BGD\n"M-2","N\r\nPL"\nM-3,RWA';
    expect(parseCsvImport(body, spec).rows.map((row) => [row.line, row.values.mou_ref])).toEqual([
      [2, 'M-1\nsecond line'],
      [4, 'M-2'],
      [6, 'M-3'],
    ]);
  });

  it('keeps counting over blank lines and rows of empty cells, which it skips', () =>
    expect(
      parseCsvImport('mou_ref,contributor\n\nM-1,BGD\n,\n  \nM-2,NPL\n\n', spec).rows.map((r) => r.line),
    ).toEqual([3, 6]));

  it('handles CRLF, a lone CR and a byte order mark', () => {
    expect(
      parseCsvImport('\uFEFFmou_ref,contributor\r\nM-1,BGD\r\nM-2,NPL\r\n', spec).rows.map((r) => r.line),
    ).toEqual([2, 3]);
    expect(parseCsvImport('mou_ref,contributor\rM-1,BGD\rM-2,NPL', spec).rows.map((r) => r.line)).toEqual([
      2, 3,
    ]);
  });

  it('reads commas and doubled quotes inside quoted fields', () =>
    expect(
      parseCsvImport('mou_ref,contributor\n"DOS/MINUSMA, ""A""",BGD\n', spec).rows[0]?.values.mou_ref,
    ).toBe('DOS/MINUSMA, "A"'));

  it('returns rows with the wrong number of cells as malformed, and keeps the others', () => {
    const parsed = parseCsvImport('mou_ref,contributor\nM-1,BGD,extra\nM-2\nM-3,NPL\n', spec);
    expect(parsed.rows.map((r) => r.line)).toEqual([4]);
    expect(parsed.malformed).toEqual([
      { line: 2, reason: 'expected 2 cells as in the header, found 3', cells: ['M-1', 'BGD', 'extra'] },
      { line: 3, reason: 'expected 2 cells as in the header, found 1', cells: ['M-2'] },
    ]);
    expect(malformedRejections(parsed)).toEqual([
      { line: 2, ref: 'M-1', code: MALFORMED_ROW, reason: 'expected 2 cells as in the header, found 3' },
      { line: 3, ref: 'M-2', code: MALFORMED_ROW, reason: 'expected 2 cells as in the header, found 1' },
    ]);
  });

  it('accepts a header without rows', () =>
    expect(parseCsvImport('mou_ref,contributor\n', spec)).toEqual({ rows: [], malformed: [] }));

  it('refuses an unknown column, naming it', () => {
    expect(codeOf(() => parseCsvImport('mou_ref,contributor,colour\nM-1,BGD,red\n', spec))).toBe(
      'CSV_UNKNOWN_COLUMN',
    );
    expect(codeOf(() => parseCsvImport('mou_ref,contributor,\nM-1,BGD,\n', spec))).toBe('CSV_UNKNOWN_COLUMN');
    expect(() => parseCsvImport('mou_ref,contributor,colour\n', spec)).toThrow(
      expect.objectContaining({
        details: { errors: [{ field: 'colour', message: 'is not a column of this import' }] },
      }),
    );
  });

  it('refuses a missing required column, and a column named twice', () => {
    expect(codeOf(() => parseCsvImport('mou_ref,signed_on\nM-1,2019-01-01\n', spec))).toBe(
      'CSV_MISSING_COLUMN',
    );
    expect(codeOf(() => parseCsvImport('mou_ref,contributor,mou_ref\n', spec))).toBe('CSV_DUPLICATE_COLUMN');
  });

  it('refuses a semicolon-separated file as having an unknown column', () =>
    expect(codeOf(() => parseCsvImport('mou_ref;contributor\nM-1;BGD\n', spec))).toBe('CSV_UNKNOWN_COLUMN'));

  it.each([
    ['an empty body', ''],
    ['white space', '  \n\n '],
    ['a byte order mark alone', '\uFEFF'],
    ['binary data', 'mou_ref,contributor\n\u0000\u0001\u0002'],
    ['text that was not UTF-8', 'mou_ref,contributor\nM-1,C\uFFFDte\n'],
    ['an unclosed quote', 'mou_ref,contributor\n"M-1,BGD\nM-2,NPL\n'],
    ['only blank rows', ',,\n,,\n'],
  ])('refuses %s as CSV_MALFORMED', (_what, body) =>
    expect(codeOf(() => parseCsvImport(body, spec))).toBe('CSV_MALFORMED'),
  );
});

describe('cells that a spreadsheet would run as formulas', () => {
  const spec = {
    columns: [
      { name: 'ref', required: true },
      { name: 'note', required: false },
    ],
  };

  it.each(['=HYPERLINK("http://x")', '+1+cmd', '@SUM(A1)', '-cmd|calc', ' =1+1'])(
    'refuses the row with %j',
    (note) => {
      const parsed = parseCsvImport(`ref,note\nr-1,"${note.replace(/"/g, '""')}"\nr-2,fine\n`, spec);
      expect(parsed.rows.map((r) => r.values.ref)).toEqual(['r-2']);
      expect(malformedRejections(parsed)).toEqual([
        { line: 2, ref: 'r-1', code: 'FORMULA_NOT_ALLOWED', reason: expect.any(String) },
      ]);
    },
  );

  it('keeps negative numbers and ordinary text', () => {
    const parsed = parseCsvImport("ref,note\nr-1,-12.50\nr-2,O'Brien & sons\n", spec);
    expect(parsed.malformed).toEqual([]);
  });
});
