import { randomUUID } from 'node:crypto';
import { type TestApp, startTestApp } from './force-generation.test-app';

// The force-generation journey over HTTP on a real PostgreSQL, and the requests it must refuse
// without recording anything.
describe('force generation over HTTP', () => {
  let app: TestApp;
  let clerk: string;
  const auth = () => ({ Authorization: `Bearer ${clerk}` });

  beforeAll(async () => {
    app = await startTestApp();
    clerk = await app.token({ roles: ['mou-clerk'], sub: `clerk-${randomUUID()}` });
  });
  afterAll(() => app?.close());

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    app.http().post(path).set(auth()).set(headers).send(body);

  let pledges = 0;
  const registerPledge = async (): Promise<string> => {
    const response = await post('/v1/pledges', {
      contributor: 'BGD',
      unitName: `BANBAT-R${++pledges}`,
      unitType: 'INF',
      personnel: 850,
      noteVerbaleOn: '2019-01-15',
    });
    expect(response.status).toBe(201);
    return response.body.pledgeId as string;
  };

  const pledgeAtL2 = async (): Promise<string> => {
    const pledgeId = await registerPledge();
    expect(
      (await post(`/v1/pledges/${pledgeId}/aav`, { visitedOn: '2019-03-01', outcome: 'successful' })).status,
    ).toBe(200);
    expect(
      (await post(`/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2019-03-10' })).status,
    ).toBe(200);
    return pledgeId;
  };

  it('takes a pledge from registration to a repatriated unit', async () => {
    const registered = await post('/v1/pledges', {
      contributor: 'BGD',
      unitName: 'BANBAT-1',
      unitType: 'INF',
      personnel: 850,
      noteVerbaleOn: '2019-01-15',
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.etag).toBe('"1"');
    expect(registered.body).toMatchObject({ status: 'pledged', level: 'L1', contributor: 'BGD' });
    const pledgeId = registered.body.pledgeId as string;
    expect(registered.headers.location).toBe(`/v1/pledges/${pledgeId}`);

    const aav = await post(`/v1/pledges/${pledgeId}/aav`, {
      visitedOn: '2019-03-01',
      outcome: 'successful',
      findings: 'Ready; two water purification units to replace',
    });
    expect(aav.headers.etag).toBe('"2"');
    const read = await app.http().get(`/v1/pledges/${pledgeId}`).set(auth());
    expect(read.body.assessmentVisits).toEqual([
      {
        visitedOn: '2019-03-01',
        outcome: 'successful',
        findings: 'Ready; two water purification units to replace',
      },
    ]);
    const l2 = await post(
      `/v1/pledges/${pledgeId}/level`,
      { level: 'L2', elevatedOn: '2019-03-10' },
      { 'If-Match': '"2"' },
    );
    expect(l2.status).toBe(200);
    expect(l2.body).toMatchObject({ level: 'L2', reachedOn: { L1: '2019-01-15', L2: '2019-03-10' } });

    const selected = await post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' });
    expect(selected.status).toBe(201);
    const unitId = selected.body.unitId as string;
    expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(selected.headers.etag).toBe('"1"');
    expect(selected.headers.location).toBe(`/v1/units/${unitId}`);

    // the arrival inspection's signed report, uploaded first and attached by its hash
    const scan = Buffer.concat([Buffer.from('%PDF-1.5\n', 'latin1'), Buffer.from(randomUUID())]);
    const uploaded = await app.http().post('/v1/documents').set(auth()).type('application/pdf').send(scan);
    expect(uploaded.status).toBe(201);
    const report = {
      sha256: uploaded.body.sha256 as string,
      title: 'Arrival inspection',
      kind: 'inspection-report',
    };
    const steps: [string, object, number][] = [
      ['pre-deployment-visit', { visitedOn: '2019-05-20', findings: 'Ready' }, 2],
      ['deployment', { deployedOn: '2019-07-01' }, 3],
      ['arrival-inspection', { inspectedOn: '2019-08-05', documents: [report] }, 4],
      ['rotations', { rotatedOn: '2020-06-20' }, 5],
      ['repatriation', { repatriatedOn: '2021-01-15' }, 6],
      ['repatriation-inspection', { inspectedOn: '2021-01-10' }, 7],
    ];
    for (const [step, body, version] of steps) {
      const response = await post(`/v1/units/${unitId}/${step}`, body);
      expect([step, response.status]).toEqual([step, 200]);
      expect(response.headers.etag).toBe(`"${version}"`);
    }

    const unit = await app.http().get(`/v1/units/${unitId}`).set(auth());
    expect(unit.status).toBe(200);
    expect(unit.headers.etag).toBe('"7"');
    expect(unit.body).toMatchObject({
      status: 'repatriated',
      unitId,
      pledgeId,
      mission: 'MINUSMA',
      contributor: 'BGD',
      deployedOn: '2019-07-01',
      arrivalInspection: {
        inspectedOn: '2019-08-05',
        dueBy: '2019-08-01',
        late: true,
        documents: [{ ...report, mediaType: 'application/pdf', size: scan.length }],
      },
      rotations: [{ rotation: 1, rotatedOn: '2020-06-20', standardDueOn: '2020-07-01' }],
      repatriatedOn: '2021-01-15',
      repatriationInspectedOn: '2021-01-10',
      preDeploymentVisits: ['2019-05-20'],
      preDeploymentVisitFindings: [{ visitedOn: '2019-05-20', findings: 'Ready' }],
    });
    expect(
      unit.body.history.map((e: { type: string; effectiveOn: string }) => [e.type, e.effectiveOn]),
    ).toEqual([
      ['UnitSelected', '2019-04-15'],
      ['UnitPreDeploymentVisitRecorded', '2019-05-20'],
      ['UnitDeployed', '2019-07-01'],
      ['UnitArrivalInspected', '2019-08-05'],
      ['UnitRotated', '2020-06-20'],
      ['UnitRepatriated', '2021-01-15'],
      ['UnitRepatriationInspected', '2021-01-10'],
    ]);
    expect(unit.body.history[0]).toMatchObject({ version: 1, actor: { roles: ['mou-clerk'] } });
    // the report downloads for the unit's own country, and for another country's as for no document
    const asRepresentative = async (contributor: string) =>
      app
        .http()
        .get(`/v1/documents/${report.sha256}`)
        .set({
          Authorization: `Bearer ${await app.token({ roles: ['contributor-representative'], sub: 'rep', contributor })}`,
        });
    expect([(await asRepresentative('BGD')).status, (await asRepresentative('NPL')).status]).toEqual([
      200, 404,
    ]);
    expect(Date.parse(unit.body.history[0].recordedAt)).not.toBeNaN();

    // The contract events, stored exactly in their public shape (libs/contracts/src/force-generation.events.ts).
    const place = { unitId, mission: 'MINUSMA', contributor: 'BGD' };
    const stored = (await app.events(`unit-${unitId}`)).filter(
      (e) => e.type === 'UnitSelected' || e.type === 'UnitDeployed' || e.type === 'UnitRepatriated',
    );
    expect(stored).toEqual([
      {
        type: 'UnitSelected',
        data: {
          ...place,
          pledgeId,
          unitName: 'BANBAT-1',
          unitType: 'INF',
          personnel: 850,
          selectedOn: '2019-04-15',
        },
        effectiveOn: '2019-04-15',
      },
      { type: 'UnitDeployed', data: { ...place, deployedOn: '2019-07-01' }, effectiveOn: '2019-07-01' },
      { type: 'UnitRepatriated', data: { ...place, repatriatedOn: '2021-01-15' }, effectiveOn: '2021-01-15' },
    ]);

    const pledge = await app.http().get(`/v1/pledges/${pledgeId}`).set(auth());
    expect(pledge.body).toMatchObject({
      status: 'selected',
      selection: { unitId, mission: 'MINUSMA', selectedOn: '2019-04-15' },
    });
    expect((await app.events(`pledge-${pledgeId}`)).at(-1)).toEqual({
      type: 'PledgeSelected',
      data: { pledgeId, unitId, mission: 'MINUSMA', selectedOn: '2019-04-15' },
      effectiveOn: '2019-04-15',
    });
  });

  describe('refuses, recording no event,', () => {
    const refused = async (
      send: () => Promise<{ status: number; body: { code?: string } }>,
      status: number,
      code: string,
    ) => {
      const before = await app.eventCount();
      const response = await send();
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      expect(await app.eventCount()).toBe(before);
      return response;
    };

    it('the selection of an unknown pledge (404)', () =>
      refused(
        () => post('/v1/units', { pledgeId: randomUUID(), mission: 'MINUSMA', selectedOn: '2019-04-15' }),
        404,
        'PLEDGE_NOT_FOUND',
      ));

    it('an AAV for an unknown pledge (404)', () =>
      refused(
        () => post(`/v1/pledges/${randomUUID()}/aav`, { visitedOn: '2019-03-01', outcome: 'successful' }),
        404,
        'PLEDGE_NOT_FOUND',
      ));

    it('the selection of a pledge below L2 (422)', async () => {
      const pledgeId = await registerPledge();
      await refused(
        () => post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' }),
        422,
        'PLEDGE_NOT_SELECTABLE',
      );
    });

    it('a second selection of the same pledge (409)', async () => {
      const pledgeId = await pledgeAtL2();
      expect(
        (await post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' })).status,
      ).toBe(201);
      await refused(
        () => post('/v1/units', { pledgeId, mission: 'UNMISS', selectedOn: '2019-04-16' }),
        409,
        'PLEDGE_ALREADY_SELECTED',
      );
    });

    it('L2 without a successful AAV (422)', async () => {
      const pledgeId = await registerPledge();
      await refused(
        () => post(`/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2019-03-10' }),
        422,
        'PLEDGE_AAV_REQUIRED',
      );
    });

    it('an unknown field (400)', async () => {
      const response = await refused(
        () =>
          post('/v1/pledges', {
            contributor: 'BGD',
            unitName: 'X',
            unitType: 'INF',
            personnel: 1,
            noteVerbaleOn: '2019-01-15',
            level: 'L3',
          }),
        400,
        'VALIDATION_FAILED',
      );
      expect(response.body).toMatchObject({ errors: [{ field: 'level' }] });
    });

    it('a business date after today (400)', async () => {
      const pledgeId = await pledgeAtL2();
      const response = await refused(
        () => post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2999-01-01' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(response.body).toMatchObject({ errors: [{ field: 'selectedOn' }] });
    });

    it('a date that is not a calendar date (400)', () =>
      refused(
        () =>
          post('/v1/pledges', {
            contributor: 'BGD',
            unitName: 'X',
            unitType: 'INF',
            personnel: 1,
            noteVerbaleOn: '2019-02-29',
          }),
        400,
        'VALIDATION_FAILED',
      ));

    it('a write with a stale If-Match (412)', async () => {
      const pledgeId = await registerPledge();
      await post(`/v1/pledges/${pledgeId}/aav`, { visitedOn: '2019-03-01', outcome: 'successful' });
      await refused(
        () =>
          post(
            `/v1/pledges/${pledgeId}/level`,
            { level: 'L2', elevatedOn: '2019-03-10' },
            { 'If-Match': '"1"' },
          ),
        412,
        'STALE_VERSION',
      );
    });

    it('a selection whose If-Match no longer names the pledge version (412)', async () => {
      const pledgeId = await pledgeAtL2();
      await refused(
        () =>
          post(
            '/v1/units',
            { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' },
            { 'If-Match': '"2"' },
          ),
        412,
        'STALE_VERSION',
      );
    });

    it('a deployment dated before the selection (422)', async () => {
      const pledgeId = await pledgeAtL2();
      const unitId = (await post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' }))
        .body.unitId as string;
      await refused(
        () => post(`/v1/units/${unitId}/deployment`, { deployedOn: '2019-04-01' }),
        422,
        'UNIT_DATE_OUT_OF_ORDER',
      );
    });

    it('a repatriation before deployment (409)', async () => {
      const pledgeId = await pledgeAtL2();
      const unitId = (await post('/v1/units', { pledgeId, mission: 'MINUSMA', selectedOn: '2019-04-15' }))
        .body.unitId as string;
      await refused(
        () => post(`/v1/units/${unitId}/repatriation`, { repatriatedOn: '2019-09-01' }),
        409,
        'UNIT_NOT_DEPLOYED',
      );
    });

    it('a write without a token (401) or by a role that may only read (403)', async () => {
      const body = {
        contributor: 'BGD',
        unitName: 'X',
        unitType: 'INF',
        personnel: 1,
        noteVerbaleOn: '2019-01-15',
      };
      await refused(() => app.http().post('/v1/pledges').send(body), 401, 'UNAUTHENTICATED');
      const auditor = await app.token({ roles: ['auditor'] });
      await refused(
        () => app.http().post('/v1/pledges').set('Authorization', `Bearer ${auditor}`).send(body),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('a pledge that looks like one already recorded', () => {
    const body = {
      contributor: 'NPL',
      unitName: 'NEPBATT-2',
      unitType: 'INF',
      personnel: 850,
      noteVerbaleOn: '2019-02-11',
    };

    it('is refused with 409 PLEDGE_LIKELY_DUPLICATE naming the first, recording nothing', async () => {
      const first = await post('/v1/pledges', body);
      expect(first.status).toBe(201);
      const before = await app.eventCount();
      const again = await post('/v1/pledges', { ...body, unitName: ' nepbatt-2 ' });
      expect({ status: again.status, code: again.body.code, duplicateOf: again.body.duplicateOf }).toEqual({
        status: 409,
        code: 'PLEDGE_LIKELY_DUPLICATE',
        duplicateOf: [first.body.pledgeId],
      });
      expect(await app.eventCount()).toBe(before);

      const confirmed = await post('/v1/pledges', { ...body, confirmDuplicate: true });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.pledgeId).not.toBe(first.body.pledgeId);
      expect(confirmed.body).not.toHaveProperty('confirmDuplicate');
    });

    it('is taken when the unit or the date differs', async () => {
      expect((await post('/v1/pledges', { ...body, unitName: 'NEPBATT-3' })).status).toBe(201);
      expect((await post('/v1/pledges', { ...body, noteVerbaleOn: '2019-02-12' })).status).toBe(201);
      expect((await post('/v1/pledges', { ...body, contributor: 'BGD' })).status).toBe(201);
    });
  });

  describe('with an Idempotency-Key', () => {
    it('replays the first response and records nothing new', async () => {
      const key = randomUUID();
      const body = {
        contributor: 'NPL',
        unitName: 'NEPBATT',
        unitType: 'INF',
        personnel: 800,
        noteVerbaleOn: '2019-01-20',
      };
      const first = await post('/v1/pledges', body, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const before = await app.eventCount();
      const again = await post('/v1/pledges', body, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await app.eventCount()).toBe(before);
    });

    it('refuses the same key with another body (422)', async () => {
      const key = randomUUID();
      const body = {
        contributor: 'NPL',
        unitName: 'NEPBATT-KEYED',
        unitType: 'INF',
        personnel: 800,
        noteVerbaleOn: '2019-01-20',
      };
      expect((await post('/v1/pledges', body, { 'Idempotency-Key': key })).status).toBe(201);
      const before = await app.eventCount();
      const other = await post('/v1/pledges', { ...body, personnel: 801 }, { 'Idempotency-Key': key });
      expect({ status: other.status, code: other.body.code }).toEqual({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(await app.eventCount()).toBe(before);
    });
  });
});
