import { type WholeSystem, startWholeSystem } from './support/whole-system';

// Issue 18 item 13: a clerk finds a unit's MOU from the unit, and the MOU from its unit or reference.
const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('a unit and its MOU', () => {
  let system: WholeSystem;
  let clerk: string;

  beforeAll(async () => {
    system = await startWholeSystem();
    clerk = `Bearer ${await system.token({ sub: 'clerk-1', roles: ['mou-clerk'] })}`;
  });
  afterAll(() => system?.close());

  const post = async (path: string, body: object) => {
    const response = await system.http().post(path).set('Authorization', clerk).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const get = async (path: string) => (await system.http().get(path).set('Authorization', clerk)).body;

  it('shows the MOU drafted for a unit on the unit, and finds it by unit and by reference', async () => {
    const { pledgeId } = await post('/v1/pledges', {
      contributor: 'GHA',
      unitName: 'GHANBATT-9',
      unitType: 'INF',
      personnel: 650,
      noteVerbaleOn: '2019-01-15',
    });
    await post(`/v1/pledges/${pledgeId}/aav`, { visitedOn: '2019-02-01', outcome: 'successful' });
    await post(`/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2019-02-10' });
    const { unitId } = await post('/v1/units', { pledgeId, mission: 'UNIFIL', selectedOn: '2019-03-01' });

    const drafted = await eventually('the unit shows its MOU', async () => {
      const unit = await get(`/v1/units/${unitId}`);
      return unit.mous?.length === 1 ? unit.mous[0] : undefined;
    });
    expect(drafted).toEqual({
      mouId: expect.any(String),
      mouRef: 'DOS/UNIFIL/GHA/01',
      status: 'negotiating',
      negotiationOpenedOn: '2019-03-01',
      signedByContributorOn: null,
      signedByUnOn: null,
      inForceOn: null,
    });
    expect((await get(`/v1/mous?unitId=${unitId}`)).items.map((m: { mouId: string }) => m.mouId)).toEqual([
      drafted.mouId,
    ]);
    expect(
      (await get('/v1/mous?mouRef=DOS/UNIFIL/GHA/01')).items.map((m: { unitId: string }) => m.unitId),
    ).toEqual([unitId]);

    await post(`/v1/mous/${drafted.mouId}/sent-to-permanent-mission`, { sentOn: '2019-04-01' });
    await post(`/v1/mous/${drafted.mouId}/signatures`, { party: 'contributor', signedOn: '2019-04-10' });
    await post(`/v1/mous/${drafted.mouId}/signatures`, { party: 'un', signedOn: '2019-04-20' });
    const inForce = await eventually('the unit shows its MOU in force', async () => {
      const [mou] = (await get(`/v1/units/${unitId}`)).mous;
      return mou?.status === 'in-force' ? mou : undefined;
    });
    expect(inForce).toMatchObject({
      signedByContributorOn: '2019-04-10',
      signedByUnOn: '2019-04-20',
      inForceOn: '2019-04-20',
    });
  });
});
