import { CsvImportError } from '@coe/platform';
import { ReimbursementError } from '../shared/reimbursement.errors';
import { verificationReportsFromCsv } from './verification-reports.csv';
import { verificationReportsFromJson } from './verification-reports.json';
import { refusalLine } from './verification-reports.report';

const TODAY = '2019-06-30';
const HEADER = [
  'report_ref',
  'record',
  'mou_ref',
  'period',
  'reported_on',
  'strength',
  'from_day',
  'to_day',
  'line_id',
  'serviceable',
  'unserviceable',
  'absent',
  'lost_hostile_action',
  'incident_id',
  'arrived_on',
  'category',
  'provision',
] as const;
type Cells = Partial<Record<(typeof HEADER)[number], string | number>>;

// The header is line 1, so the n-th row (0-based) is on line n + 2.
const csv = (rows: Cells[], header: readonly string[] = HEADER): string =>
  [header.join(','), ...rows.map((r) => header.map((c) => r[c as keyof Cells] ?? '').join(','))].join('\n');

const report = (ref: string, changes: Cells = {}): Cells => ({
  report_ref: ref,
  record: 'report',
  mou_ref: `DOS/MINUSMA/BGD/${ref}`,
  period: '2019-04',
  reported_on: '2019-05-03',
  strength: 700,
  ...changes,
});
const strength = (ref: string, from: number, to: number, n: number): Cells => ({
  report_ref: ref,
  record: 'strength',
  from_day: from,
  to_day: to,
  strength: n,
});
const equipment = (ref: string, lineId: string, serviceable: number, changes: Cells = {}): Cells => ({
  report_ref: ref,
  record: 'equipment',
  line_id: lineId,
  serviceable,
  ...changes,
});
const provided = (ref: string, category: string, provision: string): Cells => ({
  report_ref: ref,
  record: 'self_sustainment',
  category,
  provision,
});

const rotation = (ref: string): Cells[] => [
  report(ref),
  strength(ref, 1, 10, 850),
  strength(ref, 11, 15, 950),
  equipment(ref, 'B001', 7, { unserviceable: 1, absent: 2 }),
  equipment(ref, 'B002', 20),
  provided(ref, 'catering', 'partial'),
  provided(ref, 'communications', 'full'),
];

const codes = (parsed: ReturnType<typeof verificationReportsFromCsv>) =>
  parsed.rejected.map(({ line, ref, code }) => [line, ref, code]);

describe('verification reports as CSV', () => {
  it('groups the rows of a report_ref into one report: ranges, the 67/261 breakdown, partial provision', () => {
    const parsed = verificationReportsFromCsv(csv(rotation('R1')), TODAY);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.reports).toEqual([
      {
        line: 2,
        ref: 'R1',
        mouRef: 'DOS/MINUSMA/BGD/R1',
        period: '2019-04',
        content: {
          reportedOn: '2019-05-03',
          strength: 700,
          daysServed: null,
          daysServedReason: null,
          strengthByDay: [
            { fromDay: 1, toDay: 10, strength: 850 },
            { fromDay: 11, toDay: 15, strength: 950 },
          ],
          equipment: [
            { lineId: 'B001', presentAndServiceable: 7, presentUnserviceable: 1, absent: 2 },
            { lineId: 'B002', presentAndServiceable: 20 },
          ],
          selfSustainment: [
            { category: 'catering', providedToStandard: false, provision: 'partial' },
            { category: 'communications', providedToStandard: true, provision: 'full' },
          ],
        },
        lines: {
          equipment: { B001: 5, B002: 6 },
          selfSustainment: { catering: 7, communications: 8 },
          strength: { '1-10': 3, '11-15': 4 },
        },
      },
    ]);
  });

  it('reads the rows of interleaved reports in any order, the report row anywhere in its group', () => {
    const [a, b] = [rotation('A'), rotation('B')];
    const rows = [a[3]!, b[0]!, a[0]!, ...b.slice(1), ...a.slice(1, 3), ...a.slice(4)];
    const parsed = verificationReportsFromCsv(csv(rows), TODAY);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.reports.map((r) => [r.ref, r.line, r.content.equipment.map((e) => e.lineId)])).toEqual([
      ['A', 4, ['B001', 'B002']],
      ['B', 3, ['B001', 'B002']],
    ]);
  });

  it('rejects a report as a whole with the line of its first faulty row, and keeps the others', () => {
    const bad = rotation('BAD');
    bad[4] = equipment('BAD', 'B002', 'twenty' as unknown as number); // line 6
    bad[6] = provided('BAD', 'communications', 'mostly'); // line 8, after the first fault
    const parsed = verificationReportsFromCsv(csv([...bad, ...rotation('OK')]), TODAY);
    expect(codes(parsed)).toEqual([[6, 'BAD', 'INVALID_NUMBER']]);
    expect(parsed.reports.map((r) => r.ref)).toEqual(['OK']);
  });

  it.each([
    [
      'a cell on a row whose record does not use it',
      [strength('X', 1, 10, 850)],
      { line_id: 'B001' },
      'UNEXPECTED_VALUE',
    ],
    ['an unknown record', [{ report_ref: 'X', record: 'vehicles' }], {}, 'INVALID_RECORD'],
    [
      'a provision other than full, partial or none',
      [provided('X', 'catering', 'yes')],
      {},
      'INVALID_PROVISION',
    ],
    [
      'an arrival that is not a date',
      [equipment('X', 'B001', 7, { arrived_on: '2019-04-31' })],
      {},
      'INVALID_DATE',
    ],
    [
      'a hostile-action loss without its incident',
      [equipment('X', 'B001', 7, { lost_hostile_action: 1 })],
      {},
      'MISSING_VALUE',
    ],
    [
      'a strength range without its last day',
      [{ ...strength('X', 1, 10, 850), to_day: '' }],
      {},
      'MISSING_VALUE',
    ],
  ])('rejects %s', (_what, rows: Cells[], extra: Cells, code) => {
    const parsed = verificationReportsFromCsv(csv([report('X'), { ...rows[0], ...extra }]), TODAY);
    expect(codes(parsed)).toEqual([[3, 'X', code]]);
    expect(parsed.reports).toEqual([]);
  });

  it.each([
    ['a report date after today', { reported_on: '2019-07-01' }, 'DATE_IN_FUTURE'],
    ['a month that is not YYYY-MM', { period: '2019-4' }, 'INVALID_PERIOD'],
    ['neither mou_ref nor mou_id', { mou_ref: '' }, 'MISSING_VALUE'],
    ['a strength above 20000', { strength: 20001 }, 'INVALID_NUMBER'],
  ])('rejects a report row with %s', (_what, changes: Cells, code) => {
    const parsed = verificationReportsFromCsv(csv([report('X', changes)]), TODAY);
    expect(codes(parsed)).toEqual([[2, 'X', code]]);
  });

  it('rejects a report without a report row at its first row, and one with two at the second', () => {
    const rows = [equipment('NONE', 'B001', 7), report('TWO'), report('TWO')];
    expect(codes(verificationReportsFromCsv(csv(rows), TODAY))).toEqual([
      [2, 'NONE', 'REPORT_ROW_MISSING'],
      [4, 'TWO', 'REPORT_ROW_REPEATED'],
    ]);
  });

  it('rejects the report of a row with the wrong number of cells, and a row without report_ref alone', () => {
    const text = `${csv([...rotation('R1'), { record: 'report' }])}\nR1,equipment,B003\n`;
    expect(codes(verificationReportsFromCsv(text, TODAY))).toEqual([
      [9, '', 'MISSING_VALUE'],
      [10, 'R1', 'MALFORMED_ROW'],
    ]);
  });

  it.each([
    ['an extra column', [...HEADER, 'remarks'], 'CSV_UNKNOWN_COLUMN'],
    ['no line_id column', HEADER.filter((c) => c !== 'line_id'), 'CSV_MISSING_COLUMN'],
    ['neither mou_ref nor mou_id', HEADER.filter((c) => c !== 'mou_ref'), 'CSV_MISSING_COLUMN'],
  ])('refuses the whole body with %s', (_what, header, code) => {
    expect(() => verificationReportsFromCsv(csv(rotation('R1'), header), TODAY)).toThrow(
      expect.objectContaining({ code }) as unknown as CsvImportError,
    );
  });
});

describe('verification reports as JSON', () => {
  const body = (changes: Record<string, unknown> = {}) => ({
    mouRef: 'DOS/MINUSMA/BGD/01',
    period: '2019-04',
    reportedOn: '2019-05-03',
    strength: 700,
    equipment: [{ lineId: 'B001', presentAndServiceable: 7 }],
    selfSustainment: [{ category: 'catering', provision: 'partial' }],
    ...changes,
  });

  it('reads each object as the single POST would, its line being its 1-based index, a bad one rejected alone', () => {
    const parsed = verificationReportsFromJson([
      body({ correctionReason: 'Re-inspected', reportRef: 'F-1' }),
      body({ remarks: 'x' }),
      body({ mouRef: undefined }),
      body({ strength: -1 }),
      'a report',
    ]);
    expect(parsed.rejected.map(({ line, ref, code }) => [line, ref, code])).toEqual([
      [2, 'DOS/MINUSMA/BGD/01/2019-04', 'UNKNOWN_FIELD'],
      [3, '#3', 'MISSING_VALUE'],
      [4, 'DOS/MINUSMA/BGD/01/2019-04', 'INVALID_VALUE'],
      [5, '#5', 'INVALID_VALUE'],
    ]);
    expect(parsed.reports).toEqual([
      {
        line: 1,
        ref: 'F-1',
        mouRef: 'DOS/MINUSMA/BGD/01',
        period: '2019-04',
        correctionReason: 'Re-inspected',
        content: {
          reportedOn: '2019-05-03',
          strength: 700,
          daysServed: null,
          daysServedReason: null,
          strengthByDay: undefined,
          equipment: [{ lineId: 'B001', presentAndServiceable: 7 }],
          selfSustainment: [{ category: 'catering', providedToStandard: false, provision: 'partial' }],
        },
        lines: { equipment: {}, selfSustainment: {}, strength: {} },
      },
    ]);
  });
});

describe('the line a domain refusal names', () => {
  const [parsed] = verificationReportsFromCsv(csv(rotation('R1')), TODAY).reports;
  const refusal = (details: Record<string, unknown>) =>
    new ReimbursementError('UNKNOWN_ANNEX_B_LINE', 'x', details);

  it('is the row of the annex B line, annex C category or strength range it is about', () => {
    expect(refusalLine(parsed!, refusal({ lineIds: ['B002'] }))).toBe(6);
    expect(refusalLine(parsed!, refusal({ lineId: 'B001' }))).toBe(5);
    expect(refusalLine(parsed!, refusal({ categories: ['communications'] }))).toBe(8);
    expect(refusalLine(parsed!, refusal({ range: { fromDay: 11, toDay: 15, strength: 950 } }))).toBe(4);
  });

  it('is the report row otherwise', () => {
    expect(refusalLine(parsed!, refusal({ missing: ['B003'] }))).toBe(2);
  });
});
