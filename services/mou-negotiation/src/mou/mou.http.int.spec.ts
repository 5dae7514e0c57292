import { type MouTestApp, startMouTestApp } from '../mou-negotiation.test-app';

// One MOU per test, with its own mission code, so tests do not see each other's references.
let t: MouTestApp;
let seq = 0;
const MISSIONS = ['MINUSMA', 'UNMISS', 'MONUSCO', 'UNIFIL', 'MINUSCA', 'UNFICYP', 'UNISFA', 'UNMIK', 'UNDOF'];
const nextMission = () =>
  `${MISSIONS[seq % MISSIONS.length]}${'ABCDEFGHIJ'[Math.floor(seq++ / MISSIONS.length)]}`;

beforeAll(async () => {
  t = await startMouTestApp();
});
afterAll(() => t?.close());

const draftBody = (mission: string, overrides: object = {}) => ({
  mission,
  contributor: 'BGD',
  unitName: 'BANBAT-3',
  unitType: 'INF',
  personnelCeiling: 850,
  negotiationOpenedOn: '2018-01-15',
  ...overrides,
});

const draft = async (overrides: object = {}) => {
  const mission = nextMission();
  const response = await t
    .http()
    .post('/v1/mous')
    .set(await t.auth())
    .send(draftBody(mission, overrides));
  expect(response.status).toBe(201);
  return response.body as { mouId: string; mouRef: string; mission: string };
};

const post = async (path: string, body: object, headers: Record<string, string> = {}) =>
  t
    .http()
    .post(path)
    .set({ ...(await t.auth()), ...headers })
    .send(body);

const truck = {
  category: 'support-vehicle-military',
  item: 'truck-cargo-5t',
  quantity: 12,
  lease: 'wet',
  monthlyRateUsd: '1875.5',
};

describe('MOU routes', () => {
  it('draft an MOU with the next free reference and show it with its history', async () => {
    const mission = nextMission();
    const created = await post('/v1/mous', draftBody(mission, { unitId: 'u-42' }), {
      'X-Correlation-Id': 'corr-1',
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/mous/${created.body.mouId}`);
    expect(created.body).toMatchObject({
      mouRef: `DOS/${mission}/BGD/01`,
      status: 'negotiating',
      unitId: 'u-42',
      annexVersion: 0,
      annexes: { personnelCeiling: 850, annexB: [], annexC: [] },
      version: 1,
    });

    const read = await t
      .http()
      .get(`/v1/mous/${created.body.mouId}`)
      .set(await t.auth('auditor'));
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.history).toEqual([
      {
        version: 1,
        type: 'MouDrafted',
        effectiveOn: '2018-01-15',
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        actor: { sub: 'mou-clerk-1', roles: ['mou-clerk'] },
        documents: [],
      },
    ]);
    const second = await post('/v1/mous', draftBody(mission));
    expect(second.body.mouRef).toBe(`DOS/${mission}/BGD/02`);
  });

  it('negotiate, sign in either order and amend, each step with its ETag', async () => {
    const { mouId } = await draft();
    const round1 = await post(`/v1/mous/${mouId}/negotiation-rounds`, {
      proposedBy: 'un',
      proposedOn: '2018-02-01',
      changes: { annexB: [truck], annexC: [{ category: 'catering', ratePerPersonUsd: '28' }] },
    });
    expect(round1.status).toBe(200);
    expect(round1.headers.etag).toBe('"2"');
    const round2 = await post(
      `/v1/mous/${mouId}/negotiation-rounds`,
      {
        proposedBy: 'contributor',
        proposedOn: '2018-03-01',
        changes: {
          missionFactors: {
            extremeEnvironmentPct: '2.5',
            intensifiedOperationalConditionPct: '0',
            hostileActionPct: '5',
          },
        },
      },
      { 'If-Match': '"2"' },
    );
    expect(round2.status).toBe(200);
    expect((await post(`/v1/mous/${mouId}/sent-to-permanent-mission`, { sentOn: '2018-06-01' })).status).toBe(
      200,
    );
    const first = await post(`/v1/mous/${mouId}/signatures`, { party: 'un', signedOn: '2019-03-14' });
    expect(first.body).toMatchObject({ status: 'signed-by-un', signedByUnOn: '2019-03-14', annexVersion: 0 });
    const second = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'contributor',
      signedOn: '2019-03-02',
    });
    expect(second.headers.etag).toBe('"8"');
    expect(second.body).toMatchObject({
      status: 'in-force',
      inForceOn: '2019-03-14',
      annexVersion: 1,
      annexesEffectiveOn: '2019-03-14',
      annexes: {
        personnelCeiling: 850,
        annexB: [{ lineId: 'B001', ...truck, monthlyRateUsd: '1875.50' }],
        annexC: [{ category: 'catering', ratePerPersonUsd: '28.00' }],
        missionFactors: {
          extremeEnvironmentPct: '2.50',
          intensifiedOperationalConditionPct: '0.00',
          hostileActionPct: '5.00',
        },
      },
    });

    const amended = await post(`/v1/mous/${mouId}/amendments`, {
      kind: 'rotation',
      description: 'Second rotation, 900 personnel',
      proposedBy: 'un',
      proposedOn: '2019-06-01',
      effectiveOn: '2019-07-01',
      changes: { personnelCeiling: 900 },
    });
    expect(amended.status).toBe(201);
    expect(amended.headers.location).toBe(`/v1/mous/${mouId}/amendments/1`);
    await post(`/v1/mous/${mouId}/amendments/1/signatures`, { party: 'contributor', signedOn: '2019-06-20' });
    const inForce = await post(`/v1/mous/${mouId}/amendments/1/signatures`, {
      party: 'un',
      signedOn: '2019-06-25',
    });
    expect(inForce.body).toMatchObject({
      annexVersion: 2,
      annexesEffectiveOn: '2019-07-01',
      annexes: { personnelCeiling: 900, annexB: [{ lineId: 'B001' }] },
      amendments: [{ amendmentNumber: 1, status: 'in-force', annexVersion: 2, signedOn: '2019-06-25' }],
    });

    const read = await t
      .http()
      .get(`/v1/mous/${mouId}`)
      .set(await t.auth('finance-officer'));
    expect(read.body.history.map((h: { type: string }) => h.type)).toEqual([
      'MouDrafted',
      'MouTermsProposed',
      'MouTermsProposed',
      'MouSentToPermanentMission',
      'MouSigned',
      'MouSigned',
      'MouEnteredIntoForce',
      'MouTermsInForce',
      'MouAmendmentProposed',
      'MouAmendmentSigned',
      'MouAmendmentSigned',
      'MouAmendmentEnteredIntoForce',
      'MouTermsInForce',
    ]);
    expect(read.headers.etag).toBe('"13"');
  });

  it('edit annex B line by line and never drop a line left out of a whole annex', async () => {
    const { mouId } = await draft();
    const ambulance = { ...truck, item: 'ambulance', monthlyRateUsd: '990.00' };
    const round = (changes: object) =>
      post(`/v1/mous/${mouId}/negotiation-rounds`, { proposedBy: 'un', proposedOn: '2018-02-01', changes });
    expect((await round({ annexB: [truck, ambulance] })).status).toBe(200);
    const before = await t.eventCount();
    const lossy = await round({ annexB: [{ ...truck, lineId: 'B001', quantity: 14 }] });
    expect({ status: lossy.status, code: lossy.body.code }).toEqual({
      status: 422,
      code: 'ANNEX_B_LINE_OMITTED',
    });
    expect(await t.eventCount()).toBe(before);
    const edited = await round({
      annexBEdits: {
        replace: [{ ...truck, lineId: 'B001', quantity: 14 }],
        add: [{ ...truck, item: 'truck-water-tanker' }],
      },
    });
    expect(edited.status).toBe(200);
    const read = await t
      .http()
      .get(`/v1/mous/${mouId}`)
      .set(await t.auth());
    expect(
      read.body.annexes.annexB.map((l: { lineId: string; item: string; quantity: number }) => [
        l.lineId,
        l.item,
        l.quantity,
      ]),
    ).toEqual([
      ['B001', 'truck-cargo-5t', 14],
      ['B002', 'ambulance', 12],
      ['B003', 'truck-water-tanker', 12],
    ]);
    const removed = await round({ annexBEdits: { remove: ['B002'] } });
    expect(removed.status).toBe(200);
  });

  it("give the auditor the MOU's state as of a business date", async () => {
    const { mouId } = await draft();
    await post(`/v1/mous/${mouId}/sent-to-permanent-mission`, { sentOn: '2018-06-01' });
    await post(`/v1/mous/${mouId}/signatures`, { party: 'contributor', signedOn: '2019-03-02' });
    await post(`/v1/mous/${mouId}/signatures`, { party: 'un', signedOn: '2019-03-14' });
    const asOf = async (date: string) =>
      (
        await t
          .http()
          .get(`/v1/audit/streams/mou-${mouId}/state?asOf=${date}`)
          .set(await t.auth('auditor'))
      ).body;
    expect((await asOf('2019-03-10')).state).toMatchObject({
      status: 'signed-by-contributor',
      annexVersion: 0,
    });
    expect((await asOf('2019-03-14')).state).toMatchObject({
      status: 'in-force',
      annexVersion: 1,
      inForceOn: '2019-03-14',
    });
  });

  it('treat the same signature again as a no-op and another date as a conflict', async () => {
    const { mouId } = await draft();
    await post(`/v1/mous/${mouId}/sent-to-permanent-mission`, { sentOn: '2018-06-01' });
    await post(`/v1/mous/${mouId}/signatures`, { party: 'contributor', signedOn: '2019-03-02' });
    const before = await t.eventCount();
    const again = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'contributor',
      signedOn: '2019-03-02',
    });
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe('"3"');
    const other = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'contributor',
      signedOn: '2019-03-03',
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('MOU_ALREADY_SIGNED');
    expect(await t.eventCount()).toBe(before);
  });

  describe('refuse, recording no event,', () => {
    let mouId: string;
    let mouRef: string;
    let mission: string;
    beforeAll(async () => ({ mouId, mouRef, mission } = await draft()));

    const refused = async (
      send: () => Promise<{ status: number; body: { code: string }; headers: Record<string, string> }>,
      status: number,
      code: string,
    ) => {
      const before = await t.eventCount();
      const response = await send();
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await t.eventCount()).toBe(before);
    };

    it('a reference already used', () =>
      refused(() => post('/v1/mous', draftBody(mission, { mouRef })), 409, 'MOU_REF_TAKEN'));

    it('a reference of another mission', () =>
      refused(
        () => post('/v1/mous', draftBody(mission, { mouRef: 'DOS/UNMISS/BGD/07' })),
        422,
        'MOU_REF_MISMATCH',
      ));

    it('a business date after today', () =>
      refused(
        () => post(`/v1/mous/${mouId}/signatures`, { party: 'un', signedOn: '2999-01-01' }),
        400,
        'VALIDATION_FAILED',
      ));

    it('an unknown unit type and an unknown property', () =>
      refused(
        () => post('/v1/mous', draftBody(mission, { unitType: 'CAV', colour: 'blue' })),
        400,
        'VALIDATION_FAILED',
      ));

    it('money as a JSON number', () =>
      refused(
        () =>
          post(`/v1/mous/${mouId}/negotiation-rounds`, {
            proposedBy: 'un',
            proposedOn: '2018-02-01',
            changes: { annexB: [{ ...truck, monthlyRateUsd: 1875.5 }] },
          }),
        400,
        'VALIDATION_FAILED',
      ));

    it('a signature on an MOU never sent to the Permanent Mission', () =>
      refused(
        () => post(`/v1/mous/${mouId}/signatures`, { party: 'un', signedOn: '2019-03-14' }),
        409,
        'MOU_NOT_SENT',
      ));

    it('a signature before negotiation opened', () =>
      refused(
        () => post(`/v1/mous/${mouId}/signatures`, { party: 'un', signedOn: '2018-01-14' }),
        422,
        'SIGNATURE_BEFORE_NEGOTIATION',
      ));

    it('a mission factor above the configured bound', () =>
      refused(
        () =>
          post(`/v1/mous/${mouId}/negotiation-rounds`, {
            proposedBy: 'un',
            proposedOn: '2018-02-01',
            changes: {
              missionFactors: {
                extremeEnvironmentPct: '5.01',
                intensifiedOperationalConditionPct: '0',
                hostileActionPct: '0',
              },
            },
          }),
        422,
        'MISSION_FACTOR_OUT_OF_RANGE',
      ));

    it('an amendment of an MOU not in force', () =>
      refused(
        () =>
          post(`/v1/mous/${mouId}/amendments`, {
            kind: 'personnel',
            description: 'x',
            proposedBy: 'un',
            proposedOn: '2019-06-01',
            effectiveOn: '2019-07-01',
            changes: {},
          }),
        409,
        'MOU_NOT_IN_FORCE',
      ));

    it('a closure before repatriation', () =>
      refused(
        () => post(`/v1/mous/${mouId}/closure`, { closedOn: '2019-01-01' }),
        409,
        'UNIT_NOT_REPATRIATED',
      ));

    it('an unknown MOU', () =>
      refused(
        () => post('/v1/mous/nope/withdrawal', { withdrawnOn: '2019-01-01', reason: 'x' }),
        404,
        'MOU_NOT_FOUND',
      ));

    it('an If-Match that is no longer current', () =>
      refused(
        () =>
          post(
            `/v1/mous/${mouId}/sent-to-permanent-mission`,
            { sentOn: '2018-06-01' },
            { 'If-Match': '"7"' },
          ),
        412,
        'STALE_VERSION',
      ));

    it('an If-Match that is no longer current, telling the current version', async () => {
      const stale = await post(
        `/v1/mous/${mouId}/sent-to-permanent-mission`,
        { sentOn: '2018-06-01' },
        { 'If-Match': '"7"' },
      );
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', expectedVersion: '7', currentVersion: '1' });
    });

    it('a write by a finance officer', () =>
      refused(
        async () =>
          t
            .http()
            .post(`/v1/mous/${mouId}/withdrawal`)
            .set(await t.auth('finance-officer'))
            .send({ withdrawnOn: '2019-01-01', reason: 'x' }),
        403,
        'FORBIDDEN',
      ));

    it('a request without a token', () =>
      refused(
        () => t.http().post(`/v1/mous/${mouId}/withdrawal`).send({ withdrawnOn: '2019-01-01', reason: 'x' }),
        401,
        'UNAUTHENTICATED',
      ));
  });

  it('take the mission-factor bound from the settings table', async () => {
    const { mouId } = await draft();
    const factors = {
      extremeEnvironmentPct: '6.00',
      intensifiedOperationalConditionPct: '0',
      hostileActionPct: '0',
    };
    const round = () =>
      post(`/v1/mous/${mouId}/negotiation-rounds`, {
        proposedBy: 'un',
        proposedOn: '2018-02-01',
        changes: { missionFactors: factors },
      });
    expect((await round()).body.code).toBe('MISSION_FACTOR_OUT_OF_RANGE');
    await t.pool.query(
      `update ${t.schema}.settings set value = '7.00' where name = 'mission_factor_max_pct'`,
    );
    try {
      expect((await round()).status).toBe(200);
    } finally {
      await t.pool.query(
        `update ${t.schema}.settings set value = '5.00' where name = 'mission_factor_max_pct'`,
      );
    }
  });

  it('replay a POST sent again with the same Idempotency-Key', async () => {
    const mission = nextMission();
    const send = () => post('/v1/mous', draftBody(mission), { 'Idempotency-Key': `draft-${mission}` });
    const first = await send();
    const before = await t.eventCount();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.eventCount()).toBe(before);
  });

  it('list MOUs by mission, contributor and status, a page at a time', async () => {
    const mission = nextMission();
    for (const contributor of ['BGD', 'NPL', 'NPL'])
      await post('/v1/mous', draftBody(mission, { contributor }));
    const page = await t
      .http()
      .get(`/v1/mous?mission=${mission}&contributor=NPL&status=negotiating&page=2&pageSize=1`)
      .set(await t.auth('auditor'));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      page: 2,
      pageSize: 1,
      total: 2,
      items: [{ mouRef: `DOS/${mission}/NPL/02` }],
    });
    const bad = await t
      .http()
      .get('/v1/mous?status=signed')
      .set(await t.auth('auditor'));
    expect(bad.status).toBe(400);
  });

  it('find an MOU by its reference and by its unit', async () => {
    const mission = nextMission();
    const wanted = (await post('/v1/mous', draftBody(mission, { unitId: `unit-${mission}` }))).body;
    await post('/v1/mous', draftBody(mission, { unitId: `other-${mission}` }));
    const auditor = await t.auth('auditor');
    const byRef = await t
      .http()
      .get(`/v1/mous?mouRef=${encodeURIComponent(wanted.mouRef)}`)
      .set(auditor);
    expect({ status: byRef.status, ids: byRef.body.items.map((m: { mouId: string }) => m.mouId) }).toEqual({
      status: 200,
      ids: [wanted.mouId],
    });
    const byUnit = await t.http().get(`/v1/mous?unitId=unit-${mission}`).set(auditor);
    expect(byUnit.body.items.map((m: { mouId: string }) => m.mouId)).toEqual([wanted.mouId]);
    const none = await t.http().get('/v1/mous?mouRef=DOS/NOWHERE/XXX/99').set(auditor);
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it("show a contributor representative their own MOUs and no one else's", async () => {
    const mission = nextMission();
    const own = (await post('/v1/mous', draftBody(mission, { contributor: 'RWA' }))).body;
    const other = (await post('/v1/mous', draftBody(mission, { contributor: 'PAK' }))).body;
    const rep = await t.auth('contributor-representative', 'RWA');
    const list = await t.http().get(`/v1/mous?mission=${mission}`).set(rep);
    expect(list.body.items.map((m: { mouId: string }) => m.mouId)).toEqual([own.mouId]);
    expect((await t.http().get(`/v1/mous/${own.mouId}`).set(rep)).status).toBe(200);
    const refused = await t.http().get(`/v1/mous/${other.mouId}`).set(rep);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 403,
      code: 'CONTRIBUTOR_SCOPE',
    });
    expect((await t.http().get('/v1/mous?contributor=PAK').set(rep)).status).toBe(403);
    expect((await t.http().post('/v1/mous').set(rep).send(draftBody(mission))).status).toBe(403);
  });
});
