import { randomUUID } from 'node:crypto';
import { type TestApp, minusmaTerms, startTestApp } from '../../test/reimbursement.test-app';
import { requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';

const STARTUP_MS = 60_000;

// Issue 18: which rate governs each claim line, and counts beyond the MOU kept, warned of, paid up to it.
describe('claim lines say which rate governs, and warn of counts beyond the MOU', () => {
  let app: TestApp;
  let officer: string;
  let auditor: string;
  const mouId = randomUUID();
  const { post, get } = requestsAs(() => app);

  // a ceiling of 275 and 4 bulldozers in the MOU; the inspectors counted 900 persons and 40 bulldozers
  const counted = (reportedOn: string) => ({
    reportedOn,
    strength: 900,
    equipment: [
      { lineId: 'B001', presentAndServiceable: 10 },
      { lineId: 'B002', presentAndServiceable: 20 },
      { lineId: 'B003', presentAndServiceable: 40 },
    ],
    selfSustainment: [
      { category: 'catering', providedToStandard: true },
      { category: 'communications', providedToStandard: true },
    ],
  });

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA: officer, auditor } = await testPeople(app));
    const terms = minusmaTerms(mouId);
    await app.termsInForce({
      ...terms,
      personnelCeiling: 275,
      annexB: [
        ...terms.annexB,
        {
          lineId: 'B003',
          category: 'engineering',
          item: 'Bulldozer',
          quantity: 4,
          lease: 'wet',
          monthlyRateUsd: '2000.00',
        },
      ],
    });
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    // the generic table lists the APC at 9,500.00; the MOU recorded 9,000.00
    const issued = await post('/v1/rate-tables/major-equipment/versions', officer).send({
      effectiveFrom: '2019-01-01',
      issuedOn: '2018-12-15',
      items: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', lease: 'wet', monthlyRateUsd: '9500.00' }],
    });
    expect(issued.status).toBe(201);
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const strengthWarning = {
    code: 'STRENGTH_ABOVE_CEILING',
    message: 'Strength 900 counted; MOU personnel ceiling 275',
  };
  const bulldozerWarning = { code: 'COUNT_ABOVE_MOU_QUANTITY', message: '40 counted; MOU quantity 4' };

  it('accepts the report as counted, answering its warnings, and shows them on GET', async () => {
    const response = await post('/v1/verification-reports', officer).send({
      mouId,
      period: '2019-04',
      ...counted('2019-05-03'),
    });
    expect(response.status).toBe(201);
    expect(response.body.strength).toBe(900);
    expect(response.body.equipment[2]).toEqual({ lineId: 'B003', presentAndServiceable: 40 });
    const warnings = [strengthWarning, { ...bulldozerWarning, lineId: 'B003' }];
    expect(response.body.warnings).toEqual(warnings);
    const read = await get(`/v1/verification-reports/${mouId}/2019-04`, auditor);
    expect(read.body.map((v: { warnings: unknown }) => v.warnings)).toEqual([warnings]);
  });

  it('pays up to the ceiling and the MOU quantity, each line with its rate basis and warnings', async () => {
    const prepared = await post('/v1/claims', officer).send({
      mouId,
      period: '2019-04',
      preparedOn: '2019-05-10',
    });
    expect(prepared.status).toBe(201);
    const claim = await get(`/v1/claims/${prepared.body.claimId}`, auditor);
    type Line = {
      key: string;
      quantity: string;
      rateUsd: string;
      amountUsd: string;
      rateBasis: { source: string; mouRateUsd?: string };
      warnings?: unknown[];
    };
    const lines: Line[] = claim.body.lines;
    expect(lines.map((l) => [l.key, l.quantity, l.rateUsd, l.rateBasis.source, l.amountUsd])).toEqual([
      ['personnel', '275', '1428.00', 'rate-table', '392700.00'], // 275 × 1,428.00
      ['equipment:B001', '10', '9500.00', 'rate-table', '97850.00'], // 10 × 9,500.00 × 1.03
      ['equipment:B002', '20', '1234.56', 'mou', '25431.94'], // 20 × 1,234.56 × 1.03 = 25,431.936
      ['equipment:B003', '4', '2000.00', 'mou', '8240.00'], // 4 × 2,000.00 × 1.03
      ['self-sustainment:catering', '275', '28.43', 'mou', '8052.80'], // 275 × 28.43 × 1.03 = 8,052.7975
      ['self-sustainment:communications', '275', '33.00', 'mou', '9347.25'], // 275 × 33.00 × 1.03
    ]);
    expect(claim.body.amountUsd).toBe('541621.99');
    expect(lines[1]!.rateBasis.mouRateUsd).toBe('9000.00');
    expect(Object.fromEntries(lines.map((l) => [l.key, l.warnings ?? []]))).toEqual({
      personnel: [strengthWarning],
      'equipment:B001': [],
      'equipment:B002': [],
      'equipment:B003': [bulldozerWarning],
      'self-sustainment:catering': [],
      'self-sustainment:communications': [],
    });
    const [event] = await app.events({ streamId: `claim-${prepared.body.claimId}`, type: 'ClaimPrepared' });
    expect((event!.data as { lines: Line[] }).lines.map((l) => l.rateBasis.source)).toEqual(
      lines.map((l) => l.rateBasis.source),
    );
  });

  it('documents the rate basis and the warnings of a claim line in the OpenAPI document', async () => {
    const document = await app.http().get('/openapi.json');
    const schemas = document.body.components.schemas;
    const get = document.body.paths['/v1/claims/{claimId}'].get;
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ClaimResponse',
    });
    expect(schemas.ClaimLineResponse.properties).toMatchObject({
      rateBasis: { allOf: [{ $ref: '#/components/schemas/RateBasisResponse' }] },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/LineWarningResponse' } },
    });
    expect(schemas.RateBasisResponse.properties.source.enum).toEqual(['mou', 'rate-table']);
    const report = document.body.paths['/v1/verification-reports/{mouId}/{period}'].get;
    expect(report.responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/VerificationReportVersionResponse' },
    });
    expect(schemas.VerificationReportResponse.properties.warnings).toEqual(
      expect.objectContaining({ items: { $ref: '#/components/schemas/ReportWarningResponse' } }),
    );
  });

  it('answers the warnings of an imported report on the row counted', async () => {
    const response = await post('/v1/imports/verification-reports', officer)
      .set('Content-Type', 'application/json')
      .send([
        { reportRef: 'MAY', mouId, period: '2019-05', ...counted('2019-06-03'), strength: 270 },
        {
          reportRef: 'JUN',
          mouId,
          period: '2019-06',
          ...counted('2019-07-03'),
          strength: 270,
          equipment: [
            ...counted('2019-07-03').equipment.slice(0, 2),
            { lineId: 'B003', presentAndServiceable: 4 },
            { lineId: 'B777', presentAndServiceable: 3 },
          ],
        },
      ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      imported: 2,
      unchanged: 0,
      rejected: [],
      warnings: [
        {
          line: 1,
          ref: 'MAY',
          code: 'COUNT_ABOVE_MOU_QUANTITY',
          message: 'Line B003: 40 counted; MOU quantity 4',
        },
        {
          line: 2,
          ref: 'JUN',
          code: 'COUNTED_ITEM_NOT_IN_MOU',
          message: 'Line B777: 3 counted; not in MOU annex B version 1',
        },
      ],
    });
  });
});
