import { randomUUID } from 'node:crypto';
import { type TestApp, startTestApp } from './force-generation.test-app';

// SURs and L3 alignment, lists and their filters, what a contributor representative may read, and the
// OpenAPI document, on a real PostgreSQL.
describe('force generation reads over HTTP', () => {
  let app: TestApp;
  let clerk: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, body: object) => app.http().post(path).set(as(clerk)).send(body);
  const get = (path: string, token = clerk) => app.http().get(path).set(as(token));

  const requirements = {
    personnel: 850,
    majorEquipment: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 10 }],
    selfSustainment: ['catering', 'communications'],
  };
  let registered = 0;
  const register = async (contributor: string, unitType = 'INF'): Promise<string> => {
    const body = {
      contributor,
      unitName: `${contributor}-${unitType}-${++registered}`,
      unitType,
      personnel: 800,
      noteVerbaleOn: '2019-01-15',
    };
    const response = await post('/v1/pledges', body);
    expect(response.status).toBe(201);
    return response.body.pledgeId as string;
  };
  const toL2 = async (pledgeId: string): Promise<void> => {
    expect(
      (await post(`/v1/pledges/${pledgeId}/aav`, { visitedOn: '2019-03-01', outcome: 'successful' })).status,
    ).toBe(200);
    expect(
      (await post(`/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2019-03-10' })).status,
    ).toBe(200);
  };

  beforeAll(async () => {
    app = await startTestApp();
    clerk = await app.token({ roles: ['mou-clerk'], sub: `clerk-${randomUUID()}` });
  });
  afterAll(() => app?.close());

  describe('a SUR', () => {
    let surId: string;

    beforeAll(async () => {
      const issued = await post('/v1/surs', {
        mission: 'MINUSMA',
        unitType: 'INF',
        issuedOn: '2019-01-10',
        ...requirements,
      });
      expect(issued.status).toBe(201);
      surId = issued.body.surId as string;
      expect(
        (
          await post(`/v1/surs/${surId}/revisions`, {
            revisedOn: '2019-02-01',
            ...requirements,
            personnel: 800,
          })
        ).status,
      ).toBe(200);
      const vary = {
        contributor: 'BGD',
        agreedOn: '2019-02-15',
        reason: 'Fewer APCs',
        ...requirements,
        personnel: 790,
      };
      expect((await post(`/v1/surs/${surId}/variations`, vary)).status).toBe(200);
      expect((await post(`/v1/surs/${surId}/variations`, { ...vary, contributor: 'NPL' })).status).toBe(200);
    });

    it('keeps every version and the variation agreed with each contributor', async () => {
      const response = await get(`/v1/surs/${surId}`);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"4"');
      expect(response.body).toMatchObject({
        surId,
        mission: 'MINUSMA',
        unitType: 'INF',
        currentVersion: 2,
        versions: [
          { version: 1, datedOn: '2019-01-10', personnel: 850 },
          { version: 2, datedOn: '2019-02-01', personnel: 800 },
        ],
        variations: [
          { contributor: 'BGD', surVersion: 2, personnel: 790 },
          { contributor: 'NPL', surVersion: 2, personnel: 790 },
        ],
      });
    });

    it('shows a contributor representative only their own variation', async () => {
      const representative = await app.token({ roles: ['contributor-representative'], contributor: 'BGD' });
      const response = await get(`/v1/surs/${surId}`, representative);
      expect(response.body.variations.map((v: { contributor: string }) => v.contributor)).toEqual(['BGD']);
    });

    it('aligns an L2 pledge of the same unit type at L3, naming the SUR version', async () => {
      const pledgeId = await register('BGD');
      await toL2(pledgeId);
      const l3 = await post(`/v1/pledges/${pledgeId}/level`, {
        level: 'L3',
        elevatedOn: '2019-04-01',
        surId,
        surVersion: 2,
      });
      expect(l3.status).toBe(200);
      expect(l3.body).toMatchObject({ level: 'L3', alignedWith: { surId, surVersion: 2 } });
      expect(
        (
          await post(`/v1/pledges/${pledgeId}/rdl-verification-visit`, {
            visitedOn: '2019-05-01',
            outcome: 'successful',
          })
        ).status,
      ).toBe(200);
      const rdl = await post(`/v1/pledges/${pledgeId}/level`, { level: 'RDL', elevatedOn: '2019-05-10' });
      expect(rdl.status).toBe(200);
      expect(rdl.body).toMatchObject({ level: 'RDL', reachedOn: { L3: '2019-04-01', RDL: '2019-05-10' } });
    });

    it('refuses L3 with a SUR of another unit type, or a version that does not exist', async () => {
      const pledgeId = await register('BGD', 'MED');
      await toL2(pledgeId);
      const before = await app.eventCount();
      const mismatch = await post(`/v1/pledges/${pledgeId}/level`, {
        level: 'L3',
        elevatedOn: '2019-04-01',
        surId,
        surVersion: 2,
      });
      expect({ status: mismatch.status, code: mismatch.body.code }).toEqual({
        status: 422,
        code: 'PLEDGE_SUR_UNIT_TYPE_MISMATCH',
      });
      const unknown = await post(`/v1/pledges/${pledgeId}/level`, {
        level: 'L3',
        elevatedOn: '2019-04-01',
        surId,
        surVersion: 9,
      });
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({
        status: 422,
        code: 'PLEDGE_SUR_NOT_FOUND',
      });
      const half = await post(`/v1/pledges/${pledgeId}/level`, {
        level: 'L3',
        elevatedOn: '2019-04-01',
        surId,
      });
      expect({ status: half.status, code: half.body.code }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(await app.eventCount()).toBe(before);
    });

    it('answers 404 for an unknown SUR', async () => {
      const response = await post(`/v1/surs/${randomUUID()}/revisions`, {
        revisedOn: '2019-02-01',
        ...requirements,
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 404,
        code: 'SUR_NOT_FOUND',
      });
    });
  });

  describe('lists', () => {
    let unitId: string;

    beforeAll(async () => {
      for (const contributor of ['RWA', 'RWA', 'RWA', 'PAK']) await register(contributor);
      const pledgeId = await register('RWA', 'ENG');
      await toL2(pledgeId);
      const withdrawn = await register('PAK', 'ENG');
      await post(`/v1/pledges/${withdrawn}/withdrawal`, {
        withdrawnOn: '2019-02-01',
        reason: 'Needed at home',
      });
      unitId = (await post('/v1/units', { pledgeId, mission: 'UNMISS', selectedOn: '2019-04-15' })).body
        .unitId as string;
    });

    it('pages pledges in the order registered, with the total', async () => {
      const first = await get('/v1/pledges?contributor=RWA&page=1&pageSize=3');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: 4 });
      expect(first.body.items).toHaveLength(3);
      const second = await get('/v1/pledges?contributor=RWA&page=2&pageSize=3');
      expect(second.body.items.map((p: { unitType: string }) => p.unitType)).toEqual(['ENG']);
      const again = await get('/v1/pledges?contributor=RWA&page=1&pageSize=3');
      expect(again.body.items).toEqual(first.body.items);
    });

    it('filters pledges by level, status and the mission they were selected for', async () => {
      expect((await get('/v1/pledges?contributor=RWA&level=L2')).body.total).toBe(1);
      expect((await get('/v1/pledges?status=withdrawn')).body.items).toMatchObject([
        { contributor: 'PAK', withdrawnOn: '2019-02-01' },
      ]);
      expect((await get('/v1/pledges?mission=UNMISS')).body.items).toMatchObject([
        { status: 'selected', selection: { unitId } },
      ]);
    });

    it('filters units by mission, contributor and status', async () => {
      const units = await get('/v1/units?mission=UNMISS&contributor=RWA&status=selected');
      expect(units.body).toMatchObject({
        total: 1,
        items: [{ unitId, unitType: 'ENG', status: 'selected' }],
      });
      expect((await get('/v1/units?mission=UNMISS&status=deployed')).body.total).toBe(0);
    });

    it('refuses an unknown query parameter or a page size over the limit (400)', async () => {
      expect((await get('/v1/pledges?colour=blue')).body.code).toBe('VALIDATION_FAILED');
      expect((await get('/v1/units?pageSize=1000')).status).toBe(400);
    });

    it('lets finance officers and auditors read', async () => {
      for (const role of ['finance-officer', 'auditor']) {
        const token = await app.token({ roles: [role] });
        expect((await get(`/v1/units/${unitId}`, token)).status).toBe(200);
      }
    });

    it("gives a contributor representative their own contributor's data only", async () => {
      const rwanda = await app.token({ roles: ['contributor-representative'], contributor: 'RWA' });
      const pakistan = await app.token({ roles: ['contributor-representative'], contributor: 'PAK' });
      const own = await get('/v1/pledges', rwanda);
      expect(own.body.total).toBe(4);
      expect(new Set(own.body.items.map((p: { contributor: string }) => p.contributor))).toEqual(
        new Set(['RWA']),
      );
      expect((await get(`/v1/units/${unitId}`, rwanda)).status).toBe(200);
      expect((await get('/v1/units', pakistan)).body.total).toBe(0);
      const other = await get(`/v1/units/${unitId}`, pakistan);
      expect({ status: other.status, code: other.body.code }).toEqual({
        status: 403,
        code: 'CONTRIBUTOR_SCOPE',
      });
      expect((await get('/v1/pledges?contributor=RWA', pakistan)).status).toBe(403);
      const write = await app
        .http()
        .post(`/v1/units/${unitId}/deployment`)
        .set(as(rwanda))
        .send({ deployedOn: '2019-07-01' });
      expect(write.status).toBe(403);
    });

    it('answers 404 for an unknown pledge or unit', async () => {
      expect((await get(`/v1/pledges/${randomUUID()}`)).body).toMatchObject({
        status: 404,
        code: 'PLEDGE_NOT_FOUND',
      });
      expect((await get(`/v1/units/${randomUUID()}`)).body).toMatchObject({
        status: 404,
        code: 'UNIT_NOT_FOUND',
      });
    });
  });

  it('documents every route with a summary, its roles and its body', async () => {
    const document = (await app.http().get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { summary?: string; 'x-roles'?: string[]; requestBody?: unknown }>
      >;
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => /^\/v1\/(surs|pledges|units)/.test(path))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      );
    expect(operations).toHaveLength(21);
    for (const { route, op } of operations) {
      expect([route, typeof op.summary]).toEqual([route, 'string']);
      expect([route, op['x-roles']?.includes('admin')]).toEqual([route, true]);
      if (route.startsWith('post')) expect([route, op.requestBody]).toEqual([route, expect.anything()]);
    }
  });
});
