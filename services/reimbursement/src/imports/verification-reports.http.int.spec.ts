import { randomUUID } from 'node:crypto';
import { type TestApp, minusmaTerms, startTestApp } from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;
const ROUTE = '/v1/imports/verification-reports';

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
  'category',
  'provision',
  'correction_reason',
];
type Cells = Record<string, string | number>;
const csv = (rows: Cells[], header = HEADER): string =>
  `${[header.join(','), ...rows.map((r) => header.map((c) => r[c] ?? '').join(','))].join('\n')}\n`;

// A month of one unit: its report row, strength ranges, annex B lines, annex C categories.
const reportRows = (
  ref: string,
  mouRef: string,
  period: string,
  options: { strength?: number; ranges?: number[][]; equipment?: Cells[]; reason?: string } = {},
): Cells[] => [
  {
    report_ref: ref,
    record: 'report',
    mou_ref: mouRef,
    period,
    reported_on: '2019-05-03',
    strength: options.strength ?? 800,
    ...(options.reason ? { correction_reason: options.reason } : {}),
  },
  ...(options.ranges ?? []).map(([from, to, n]) => ({
    report_ref: ref,
    record: 'strength',
    from_day: from!,
    to_day: to!,
    strength: n!,
  })),
  ...(
    options.equipment ?? [
      { line_id: 'B001', serviceable: 10 },
      { line_id: 'B002', serviceable: 20 },
    ]
  ).map((e) => ({ report_ref: ref, record: 'equipment', ...e })),
  { report_ref: ref, record: 'self_sustainment', category: 'catering', provision: 'partial' },
  { report_ref: ref, record: 'self_sustainment', category: 'communications', provision: 'full' },
];

describe('POST /v1/imports/verification-reports', () => {
  let app: TestApp;
  let officer: string;
  let auditor: string;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const mou = (name: string) => ({ mouId: randomUUID(), mouRef: `DOS/MINUSMA/BGD/${name}-${tag}` });
  const rotation = mou('ROT');
  const plain = mou('PLAIN');
  const late = mou('LATE');
  const viaJson = mou('JSON');

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    await app.termsInForce(minusmaTerms(rotation.mouId, { mouRef: rotation.mouRef, personnelCeiling: 900 }));
    for (const unit of [plain, late, viaJson])
      await app.termsInForce(minusmaTerms(unit.mouId, { mouRef: unit.mouRef }));
    for (const unit of [rotation, plain, viaJson])
      await app.unitMoved(unit.mouId, { deployedOn: '2019-01-15' });
    // the late unit arrives after April: a report on April is refused
    await app.unitMoved(late.mouId, { deployedOn: '2019-05-10' });
    const partial = await app
      .http()
      .post('/v1/rate-tables/self-sustainment-partial/versions')
      .set('Authorization', officer)
      .send({ effectiveFrom: '2014-07-01', issuedOn: '2019-01-02', paidPct: '50' });
    expect(partial.status).toBe(201);
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const upload = (body: string, as = officer) =>
    app.http().post(ROUTE).set('Authorization', as).set('Content-Type', 'text/csv').send(body);
  const uploadJson = (body: unknown, key?: string) => {
    const request = app
      .http()
      .post(ROUTE)
      .set('Authorization', officer)
      .set('Content-Type', 'application/json');
    return (key ? request.set('Idempotency-Key', key) : request).send(JSON.stringify(body));
  };
  const versions = (unit: { mouId: string }, period: string) =>
    app.http().get(`/v1/verification-reports/${unit.mouId}/${period}`).set('Authorization', auditor);
  const codes = (body: { rejected: { line: number; ref: string; code: string }[] }) =>
    body.rejected.map(({ line, ref, code }) => [line, ref, code]);

  // Lines (the header is line 1): ROT 2-8, PLAIN-04 9-14 (B009 on line 11), LATE 15-19, PLAIN-03 20-24.
  const MONTH = csv([
    ...reportRows('ROT', rotation.mouRef, '2019-04', {
      strength: 700,
      ranges: [
        [1, 10, 850],
        [11, 15, 950],
      ],
      equipment: [
        { line_id: 'B001', serviceable: 7, unserviceable: 1, absent: 2 },
        { line_id: 'B002', serviceable: 20 },
      ],
    }),
    ...reportRows('PLAIN-04', plain.mouRef, '2019-04', {
      equipment: [
        { line_id: 'B001', serviceable: 10 },
        // a line the MOU lacks is kept with a warning; this one says 2 absent of none
        { line_id: 'B009', serviceable: 1, absent: 2 },
        { line_id: 'B002', serviceable: 20 },
      ],
    }),
    ...reportRows('LATE', late.mouRef, '2019-04'),
    ...reportRows('PLAIN-03', plain.mouRef, '2019-03'),
  ]);

  const expectedRejections = [
    [11, 'PLAIN-04', 'EQUIPMENT_COUNT_MISMATCH'],
    [15, 'LATE', 'UNIT_NOT_DEPLOYED_IN_PERIOD'],
  ];

  it('imports the valid reports of a CSV and rejects the others with the line of their faulty row', async () => {
    const response = await upload(MONTH);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ imported: 2, unchanged: 0 });
    expect(codes(response.body)).toEqual(expectedRejections);
  });

  it('rejects a report whose category is no code (`Catering`) at the line of that row', async () => {
    // line 1 the header, 2 the report, 3-4 the equipment, 5 catering, 6 communications
    const rows = reportRows('PLAIN-02', plain.mouRef, '2019-02').map((row) =>
      row.category === 'catering' ? { ...row, category: 'Catering' } : row,
    );
    const response = await upload(csv(rows));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ imported: 0, unchanged: 0 });
    expect(codes(response.body)).toEqual([[5, 'PLAIN-02', 'UNKNOWN_CATEGORY']]);
  });

  it('records the rotation month’s ranges, its 67/261 breakdown and partial provision as version 1', async () => {
    const response = await versions(rotation, '2019-04');
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({
        mouId: rotation.mouId,
        mouRef: rotation.mouRef,
        period: '2019-04',
        version: 1,
        reason: null,
        reportedOn: '2019-05-03',
        strength: 700,
        daysServed: null,
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
      }),
    ]);
  });

  it('claims the imported rotation month day by day under the ceiling', async () => {
    const response = await app
      .http()
      .post('/v1/claims')
      .set('Authorization', officer)
      .send({ mouId: rotation.mouId, period: '2019-04', preparedOn: '2019-05-10' });
    expect(response.status).toBe(201);
    const personnel = response.body.lines.find((l: { key: string }) => l.key === 'personnel');
    // ceiling 900: 850 × 10 + 900 × 5 (950 capped) + 700 × 15 = 23,500 person-days;
    // 23,500 × 1,428.00 ÷ 30 days of April = 33,558,000 ÷ 30 = 1,118,600.00
    expect(personnel.amountUsd).toBe('1118600.00');
  });

  it('counts an identical re-import as unchanged and records nothing', async () => {
    const before = await app.eventCount();
    const response = await upload(MONTH);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ imported: 0, unchanged: 2 });
    expect(codes(response.body)).toEqual(expectedRejections);
    expect(await app.eventCount()).toBe(before);
  });

  it('rejects other content for a recorded month, and records it as version 2 when it carries a reason', async () => {
    const changed = {
      equipment: [
        { line_id: 'B001', serviceable: 10 },
        { line_id: 'B002', serviceable: 19 },
      ],
    };
    const conflict = await upload(csv(reportRows('P3', plain.mouRef, '2019-03', changed)));
    expect(codes(conflict.body)).toEqual([[2, 'P3', 'CONFLICTS_WITH_HISTORY']]);
    expect(conflict.body).toMatchObject({ imported: 0, unchanged: 0 });

    const reason = 'One truck found unserviceable on re-inspection';
    const corrected = await upload(csv(reportRows('P3', plain.mouRef, '2019-03', { ...changed, reason })));
    expect(corrected.body).toEqual({ imported: 1, unchanged: 0, rejected: [], warnings: [] });
    const response = await versions(plain, '2019-03');
    expect(
      response.body.map((v: { version: number; reason: string | null }) => [v.version, v.reason]),
    ).toEqual([
      [1, null],
      [2, reason],
    ]);
    expect(response.body[1].equipment).toEqual([
      { lineId: 'B001', presentAndServiceable: 10 },
      { lineId: 'B002', presentAndServiceable: 19 },
    ]);
  });

  describe('as JSON', () => {
    const report = (changes: Record<string, unknown> = {}) => ({
      mouRef: viaJson.mouRef,
      period: '2019-02',
      reportedOn: '2019-03-04',
      strength: 800,
      equipment: [
        { lineId: 'B001', presentAndServiceable: 10 },
        { lineId: 'B002', presentAndServiceable: 20 },
      ],
      selfSustainment: [
        { category: 'catering', provision: 'full' },
        { category: 'communications', providedToStandard: true },
      ],
      ...changes,
    });

    it('numbers reports by their index; an earlier report of the same body is history', async () => {
      const response = await uploadJson([
        report(),
        report({ mouRef: undefined, mouId: viaJson.mouId }), // the same report, by id: unchanged
        report({ strength: 790 }), // other content, no reason
        report({ period: '2019-03', strength: 790, correctionReason: 'Counted again' }), // nothing to correct
        report({ period: '2019-03', equipment: [{ lineId: 'B001', presentAndServiceable: 10 }] }),
        report({ period: '2019-03', mouId: plain.mouId }), // the reference of another MOU
      ]);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ imported: 1, unchanged: 1 });
      expect(codes(response.body)).toEqual([
        [3, `${viaJson.mouRef}/2019-02`, 'CONFLICTS_WITH_HISTORY'],
        [4, `${viaJson.mouRef}/2019-03`, 'VERIFICATION_REPORT_NOT_FOUND'],
        [5, `${viaJson.mouRef}/2019-03`, 'VERIFICATION_REPORT_INCOMPLETE'],
        [6, `${viaJson.mouRef}/2019-03`, 'MOU_REF_MISMATCH'],
      ]);
    });

    it('answers a request repeated with its Idempotency-Key with the first response', async () => {
      const key = randomUUID();
      const body = [report({ period: '2019-01', daysServed: 17, daysServedReason: 'Arrived on the 15th' })];
      const first = await uploadJson(body, key);
      expect(first.body).toEqual({ imported: 1, unchanged: 0, rejected: [], warnings: [] });
      const before = await app.eventCount();
      const again = await uploadJson(body, key);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await app.eventCount()).toBe(before);
      const reused = await uploadJson([report({ period: '2019-01', strength: 1 })], key);
      expect({ status: reused.status, code: reused.body.code }).toEqual({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    });
  });

  describe('refuses the whole body, importing nothing', () => {
    it.each([
      [
        'an extra column',
        () => upload(csv(reportRows('X', plain.mouRef, '2019-02'), [...HEADER, 'remarks'])),
        'CSV_UNKNOWN_COLUMN',
      ],
      [
        'a missing required column',
        () =>
          upload(
            csv(
              reportRows('X', plain.mouRef, '2019-02'),
              HEADER.filter((c) => c !== 'provision'),
            ),
          ),
        'CSV_MISSING_COLUMN',
      ],
      ['a JSON object', () => uploadJson({ reports: [] }), 'JSON_NOT_AN_ARRAY'],
    ])('with %s: 400', async (_what, send, code) => {
      const before = await app.eventCount();
      const response = await send();
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code });
      expect(await app.eventCount()).toBe(before);
    });
  });

  it('answers 415 to a body that is neither CSV nor JSON, importing nothing', async () => {
    const before = await app.eventCount();
    const response = await app
      .http()
      .post(ROUTE)
      .set('Authorization', officer)
      .set('Content-Type', 'text/plain')
      .send('x');
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('is a finance officer’s: an auditor gets 403', async () => {
    expect((await upload(MONTH, auditor)).status).toBe(403);
  });

  it('imports a month of 500 reports in one request', async () => {
    // 50 units × 10 months: terms and movements of every unit, then one CSV of 500 reports
    const units = Array.from({ length: 50 }, (_, i) => mou(`U${i}`));
    for (const unit of units) {
      await app.termsInForce(minusmaTerms(unit.mouId, { mouRef: unit.mouRef }));
      await app.unitMoved(unit.mouId, { deployedOn: '2018-01-01' });
    }
    const months = Array.from({ length: 10 }, (_, m) => `2018-${String(m + 3).padStart(2, '0')}`);
    const rows = units.flatMap((unit, u) =>
      months.flatMap((period) => reportRows(`U${u}-${period}`, unit.mouRef, period)),
    );
    const started = Date.now();
    const response = await upload(csv(rows));
    const seconds = (Date.now() - started) / 1000;
    expect(response.body).toEqual({ imported: 500, unchanged: 0, rejected: [], warnings: [] });
    // a month of a whole mission in one request, in seconds (measured on the shared 2-core machine)
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
