import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';
import { requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

// Bangladesh's unit, April 2019, on the MINUSMA terms (mission factors ×1.03), strength 800, all present:
//   personnel        800 × 1,428.00                  = 1,142,400.00
//   APC              10 × 9,000.00 × 1.03            =    92,700.00
//   trucks           20 × 1,234.56 × 1.03 = 25,431.936 →   25,431.94
//   catering         800 × 28.43 × 1.03 = 23,426.32  →   23,426.32
//   communications   800 × 33.00 × 1.03              =    27,192.00
//   claim                                            = 1,311,150.26
// The claim is then voided with a reason a spreadsheet would run as a formula. India has an imported
// certified claim of 700.00, without lines.
const CLAIMS = `claim_ref,mission,contributor,category,period,amount,certified_on
IND/2019-03,MONUSCO,IND,personnel,2019-03,700.00,2019-04-10
`;
const FORMULA = '=HYPERLINK("http://example.org/x","open")';

const LINES: [key: string, amountUsd: string][] = [
  ['personnel', '1142400.00'],
  ['equipment:B001', '92700.00'],
  ['equipment:B002', '25431.94'],
  ['self-sustainment:catering', '23426.32'],
  ['self-sustainment:communications', '27192.00'],
];

type Row = Record<string, string>;

describe('claims exported as CSV and as an Excel workbook', () => {
  let app: TestApp;
  let people: Awaited<ReturnType<typeof testPeople>>;
  const mouId = randomUUID();
  let runId: string;

  beforeAll(async () => {
    app = await startTestApp();
    people = await testPeople(app);
    await app.mouDrafted({ mouId, mouRef: 'DOS/MINUSMA/BGD/01', mission: 'MINUSMA', contributor: 'BGD' });
    await app.termsInForce(minusmaTerms(mouId, { mouRef: 'DOS/MINUSMA/BGD/01' }));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    const report = await post('/v1/verification-reports', people.officerA).send({
      mouId,
      period: '2019-04',
      ...verificationReportBody(10),
    });
    expect(report.status).toBe(201);
    const run = await post('/v1/claim-runs', people.officerA).send({
      period: '2019-04',
      mission: 'MINUSMA',
      preparedOn: '2019-05-10',
    });
    expect(run.body).toMatchObject({ prepared: 1 });
    runId = run.body.runId;
    const claimId = run.body.outcomes[0].claimId;
    const voided = await post(`/v1/claims/${claimId}/voiding`, people.officerB).send({
      voidedOn: '2019-05-12',
      reason: FORMULA,
    });
    expect(voided.status).toBe(200);
    const imported = await post('/v1/imports/certified-claims', people.officerA)
      .set('Content-Type', 'text/csv')
      .send(CLAIMS);
    expect(imported.body).toMatchObject({ imported: 1, rejected: [] });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);
  const csvRows = (text: string): Row[] => parse(text, { columns: true, bom: false }) as Row[];
  const binary = (path: string, as: string) =>
    get(path, as)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  /** Each sheet of a workbook as rows of objects keyed by its header row. */
  const sheets = async (body: Buffer): Promise<Record<string, Row[]>> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    return Object.fromEntries(
      workbook.worksheets.map((sheet) => {
        const [header, ...rows] = sheet
          .getSheetValues()
          .slice(1)
          .map((row) => (row as unknown[]).slice(1));
        return [
          sheet.name,
          rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? ''])) as Row),
        ];
      }),
    );
  };
  const pick = (rows: Row[], ...columns: string[]) => rows.map((r) => columns.map((c) => r[c]));

  it('as CSV: one row per claim line with its sources, by month then reference, the formula neutralised', async () => {
    const response = await get('/v1/claims/export?format=csv', people.auditor).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="claims.csv"');
    const rows = csvRows(response.text);
    expect(pick(rows, 'claimRef', 'contributor', 'period', 'claimAmountUsd', 'key', 'lineAmountUsd')).toEqual(
      [
        // the imported claim has no lines: one row, its line cells empty
        ['IND/2019-03', 'IND', '2019-03', '700.00', '', ''],
        ...LINES.map(([key, amount]) => [
          'DOS/MINUSMA/BGD/01/2019-04',
          'BGD',
          '2019-04',
          '1311150.26',
          key,
          amount,
        ]),
      ],
    );
    // the reason a spreadsheet would run is text behind a quote, quoted as CSV for its commas and quotes
    expect(response.text).toContain(`,"'=HYPERLINK(""http://example.org/x"",""open"")",`);
    const personnel = rows[1]!;
    expect(personnel).toMatchObject({
      status: 'voided',
      voidReason: `'${FORMULA}`,
      preparedOn: '2019-05-10',
      line: '1',
      kind: 'PERSONNEL',
      rateTables: 'personnel v4',
      mouAnnexVersion: '1',
      verificationReportVersion: '1',
    });
    // the formula's inputs and sources: the personnel rate from its table, annex rates from the MOU
    expect(
      pick(rows.slice(1), 'key', 'quantity', 'rateUsd', 'factor', 'fraction', 'serviceDays', 'rateTables'),
    ).toEqual([
      ['personnel', '800', '1428.00', '1', '1', '30/30', 'personnel v4'],
      ['equipment:B001', '10', '9000.00', '1.03', '1', '', ''],
      ['equipment:B002', '20', '1234.56', '1.03', '1', '', ''],
      ['self-sustainment:catering', '800', '28.43', '1.03', '1', '', ''],
      ['self-sustainment:communications', '800', '33.00', '1.03', '1', '', ''],
    ]);
    expect(new Set(pick(rows.slice(1), 'mouAnnexVersion', 'verificationReportVersion').flat())).toEqual(
      new Set(['1']),
    );
    // which rate governed each line: the personnel table's, and the MOU's where no table lists the item
    expect(pick(rows.slice(1), 'key', 'rateSource')).toEqual([
      ['personnel', 'rate-table'],
      ['equipment:B001', 'mou'],
      ['equipment:B002', 'mou'],
      ['self-sustainment:catering', 'mou'],
      ['self-sustainment:communications', 'mou'],
    ]);
  });

  it('as an Excel workbook: the claim lines and the claims, a sheet each, no cell a formula', async () => {
    const response = await binary('/v1/claims/export?format=xlsx', people.auditor).expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = await sheets(response.body as Buffer);
    expect(Object.keys(book)).toEqual(['claim lines', 'claims']);
    expect(pick(book['claim lines']!, 'claimRef', 'key', 'lineAmountUsd')).toEqual([
      ['IND/2019-03', '', ''],
      ...LINES.map(([key, amount]) => ['DOS/MINUSMA/BGD/01/2019-04', key, amount]),
    ]);
    expect(
      pick(book.claims!, 'claimRef', 'status', 'amountUsd', 'paidUsd', 'outstandingUsd', 'voidReason'),
    ).toEqual([
      ['IND/2019-03', 'certified', '700.00', '0.00', '700.00', ''],
      ['DOS/MINUSMA/BGD/01/2019-04', 'voided', '1311150.26', '0.00', '0.00', `'${FORMULA}`],
    ]);
    expect(book['claim lines']!.every((r) => typeof r.voidReason === 'string')).toBe(true);
  });

  it("gives a contributor representative only their own contributor's claims, and never another's", async () => {
    const own = await get('/v1/claims/export', people.bangladesh).expect(200);
    expect(pick(csvRows(own.text), 'contributor', 'key')).toEqual(LINES.map(([key]) => ['BGD', key]));
    const other = await get('/v1/claims/export?contributor=IND', people.bangladesh);
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 403,
      code: 'CONTRIBUTOR_SCOPE',
    });
  });

  it('filters as the list does', async () => {
    const response = await get('/v1/claims/export?contributor=IND&status=certified', people.auditor).expect(
      200,
    );
    expect(pick(csvRows(response.text), 'claimRef')).toEqual([['IND/2019-03']]);
  });

  it('exports the claims a monthly run prepared', async () => {
    const csv = await get(`/v1/claim-runs/${runId}/claims/export`, people.auditor).expect(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="claims-2019-04-run-${runId}.csv"`);
    expect(pick(csvRows(csv.text), 'claimRef', 'key')).toEqual(
      LINES.map(([key]) => ['DOS/MINUSMA/BGD/01/2019-04', key]),
    );
    const xlsx = await binary(`/v1/claim-runs/${runId}/claims/export?format=xlsx`, people.auditor).expect(
      200,
    );
    expect(pick((await sheets(xlsx.body as Buffer)).claims!, 'claimRef', 'amountUsd')).toEqual([
      ['DOS/MINUSMA/BGD/01/2019-04', '1311150.26'],
    ]);
    const missing = await get(`/v1/claim-runs/${randomUUID()}/claims/export`, people.auditor);
    expect({ status: missing.status, code: missing.body.code }).toEqual({
      status: 404,
      code: 'CLAIM_RUN_NOT_FOUND',
    });
  });

  it('refuses a format it does not write', async () => {
    const response = await get('/v1/claims/export?format=pdf', people.auditor);
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});
