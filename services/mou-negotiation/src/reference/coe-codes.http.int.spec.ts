import { type MouTestApp, startMouTestApp } from '../mou-negotiation.test-app';

let t: MouTestApp;
beforeAll(async () => {
  t = await startMouTestApp();
});
afterAll(() => t?.close());

type Listed = { code: string; en: string; fr: string };

describe('GET /v1/reference/coe-codes', () => {
  it('lists the category codes with English and French labels to every role, a representative too', async () => {
    for (const [role, contributor] of [
      ['mou-clerk'],
      ['finance-officer'],
      ['auditor'],
      ['admin'],
      ['contributor-representative', 'BGD'],
    ] as const) {
      const response = await t
        .http()
        .get('/v1/reference/coe-codes')
        .set(await t.auth(role, contributor));
      expect([role, response.status]).toEqual([role, 200]);
      const { selfSustainment, majorEquipment } = response.body as {
        selfSustainment: Listed[];
        majorEquipment: Listed[];
      };
      expect(selfSustainment).toContainEqual({ code: 'catering', en: 'Catering', fr: 'Restauration' });
      expect(majorEquipment).toContainEqual({
        code: 'armoured-personnel-carrier',
        en: 'Armoured personnel carriers',
        fr: 'Véhicules blindés de transport de troupes',
      });
      // a code is what is matched exactly: lower case, no spaces, each once
      const codes = selfSustainment.map((c) => c.code);
      expect(codes.filter((c) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c))).toEqual([]);
      expect(new Set(codes).size).toBe(codes.length);
      expect((response.body as { items: (Listed & { category: string })[] }).items).toContainEqual({
        category: 'engineering',
        code: 'excavator-medium',
        en: 'Excavator, medium',
        fr: 'Pelle hydraulique, moyenne',
      });
    }
  });

  it('answers 401 without a token', async () => {
    const response = await t.http().get('/v1/reference/coe-codes');
    expect(response.status).toBe(401);
  });

  it('is documented in OpenAPI with an example', async () => {
    const document = (await t.http().get('/openapi.json')).body as {
      paths: Record<string, { get?: { summary?: string; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties: Record<string, { example?: unknown }> }> };
    };
    expect(document.paths['/v1/reference/coe-codes']?.get?.summary).toEqual(expect.any(String));
    expect(document.components.schemas.CoeCodesResponse?.properties.selfSustainment?.example).toContainEqual({
      code: 'catering',
      en: 'Catering',
      fr: 'Restauration',
    });
  });
});

describe('a category entered in an MOU annex', () => {
  it('is refused with 422 UNKNOWN_CATEGORY naming the field when it is not a code, and nothing is recorded', async () => {
    const auth = await t.auth();
    const drafted = await t.http().post('/v1/mous').set(auth).send({
      mission: 'UNMISSCODES',
      contributor: 'NPL',
      unitName: 'NEPBATT-1',
      unitType: 'INF',
      personnelCeiling: 850,
      negotiationOpenedOn: '2018-01-15',
    });
    expect(drafted.status).toBe(201);
    const { mouId } = drafted.body as { mouId: string };
    const round = (category: string) =>
      t
        .http()
        .post(`/v1/mous/${mouId}/negotiation-rounds`)
        .set(auth)
        .send({
          proposedBy: 'un',
          proposedOn: '2018-02-01',
          changes: { annexC: [{ category, ratePerPersonUsd: '28.00' }] },
        });

    const refused = await round('Catering');
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'UNKNOWN_CATEGORY',
      field: 'changes.annexC[0].category',
      suggestion: 'catering',
      errors: [{ field: 'changes.annexC[0].category', message: expect.stringContaining('"catering"') }],
    });
    expect(refused.body.detail).toContain('"catering"');

    const accepted = await round('catering');
    expect(accepted.status).toBe(200);
    expect(accepted.headers.etag).toBe('"2"'); // the refused round recorded nothing
  });
});

describe('an item entered on an MOU annex B line', () => {
  it('is refused with 422 UNKNOWN_ITEM naming annexB[0].item when it is not an item code (`Bulldozer`)', async () => {
    const auth = await t.auth();
    const drafted = await t.http().post('/v1/mous').set(auth).send({
      mission: 'UNMISSITEMS',
      contributor: 'NPL',
      unitName: 'NEPBATT-2',
      unitType: 'ENG',
      personnelCeiling: 275,
      negotiationOpenedOn: '2018-01-15',
    });
    expect(drafted.status).toBe(201);
    const { mouId } = drafted.body as { mouId: string };
    const line = (item: string) => ({
      category: 'engineering',
      item,
      quantity: 4,
      lease: 'wet',
      monthlyRateUsd: '2000.00',
    });
    const round = (item: string) =>
      t
        .http()
        .post(`/v1/mous/${mouId}/negotiation-rounds`)
        .set(auth)
        .send({ proposedBy: 'un', proposedOn: '2018-02-01', changes: { annexB: [line(item)] } });

    const refused = await round('Bulldozer');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'UNKNOWN_ITEM',
      field: 'changes.annexB[0].item',
      item: 'Bulldozer',
      suggestion: null,
      errors: [{ field: 'changes.annexB[0].item', message: expect.stringContaining('coe-codes') }],
    });

    const byLabel = await round('Excavator, medium');
    expect(byLabel.body).toMatchObject({ code: 'UNKNOWN_ITEM', suggestion: 'excavator-medium' });

    const accepted = await round('excavator-medium');
    expect(accepted.status).toBe(200);
    expect(accepted.headers.etag).toBe('"2"'); // the refused rounds recorded nothing
  });
});
