import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';
import { requestsAs, testPeople } from '../../test/reimbursement.http.fixtures';
import { itemsLostThroughHostileAction } from './hostile-action.read-model';

const STARTUP_MS = 60_000;

describe('hostile-action incidents over HTTP', () => {
  let app: TestApp;
  let officerA: string;
  let officerB: string;
  const mouId = randomUUID();
  const ref = () => `MINUSMA/${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startTestApp();
    ({ officerA, officerB } = await testPeople(app));
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const { post, get } = requestsAs(() => app);
  const incident = (incidentRef: string, apcs: number, extra: object[] = []) => ({
    ...{ incidentRef, mouId, cause: 'hostile-action', occurredOn: '2019-04-02', recordedOn: '2019-04-20' },
    items: [{ lineId: 'B001', quantity: apcs, gfmvEachUsd: '125000' }, ...extra],
  });

  describe('an incident reaching the threshold', () => {
    const incidentRef = ref();
    let incidentId: string;

    it('is recorded with its items valued at GFMV: 2 × 125,000.00 = 250,000.00, the UN is liable', async () => {
      const response = await post('/v1/hostile-action-incidents', officerA).send(incident(incidentRef, 2));
      expect(response.status).toBe(201);
      incidentId = response.body.incidentId;
      expect(response.body).toMatchObject({
        ...{ status: 'recorded', mission: 'MINUSMA', contributor: 'BGD', totalGfmvUsd: '250000.00' },
        ...{ thresholdUsd: '250000.00', liability: 'united-nations' },
        items: [
          {
            lineId: 'B001',
            category: 'armoured-personnel-carrier',
            item: 'apc-wheeled',
            quantity: 2,
            gfmvUsd: '250000.00',
          },
        ],
      });
    });

    it('publishes the recorded incident for the 67/261 exemptions', async () => {
      const [event] = await app.events({ streamId: `hostile-action-${incidentId}` });
      expect(event).toMatchObject({
        type: 'HostileActionIncidentRecorded',
        data: {
          ...{ incidentId, incidentRef, mouId, occurredOn: '2019-04-02', cause: 'hostile-action' },
          items: [{ lineId: 'B001', quantity: 2, gfmvEachUsd: '125000.00', gfmvUsd: '250000.00' }],
        },
      });
      expect(await itemsLostThroughHostileAction(app.pool, app.schema, mouId, '2019-04-30')).toEqual([
        {
          incidentId,
          occurredOn: '2019-04-02',
          lineId: 'B001',
          category: 'armoured-personnel-carrier',
          item: 'apc-wheeled',
          quantity: 2,
        },
      ]);
      expect(await itemsLostThroughHostileAction(app.pool, app.schema, mouId, '2019-04-01')).toEqual([]);
    });

    it('lets a verification report exempt the items it lost, and no more (67/261)', async () => {
      // the incident of 2019-04-02 lost 2 APCs of line B001: 8 of 10 present, 2 absent
      const report = (period: string, count: number, reportedOn: string) => {
        const body = verificationReportBody(8, reportedOn);
        return post('/v1/verification-reports', officerA).send({
          ...{ mouId, period, ...body },
          equipment: [
            { lineId: 'B001', presentAndServiceable: 8, lostThroughHostileAction: { count, incidentId } },
            body.equipment[1],
          ],
        });
      };
      const before = await app.eventCount();
      const refused = async (response: Awaited<ReturnType<typeof report>>, code: string) =>
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 422, code });
      // March ends on 2019-03-31, before the incident
      await refused(await report('2019-03', 2, '2019-04-03'), 'HOSTILE_ACTION_LOSS_AFTER_PERIOD');
      const unknown = await post('/v1/verification-reports', officerA).send({
        ...{ mouId, period: '2019-04', ...verificationReportBody(8) },
        equipment: [
          {
            ...{ lineId: 'B001', presentAndServiceable: 8 },
            lostThroughHostileAction: { count: 2, incidentId: randomUUID() },
          },
          verificationReportBody(8).equipment[1],
        ],
      });
      await refused(unknown, 'HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT');
      expect(await app.eventCount()).toBe(before);
      const accepted = await report('2019-04', 2, '2019-05-03');
      expect(accepted.status).toBe(201);
      expect(accepted.body.equipment[0]).toEqual({
        ...{ lineId: 'B001', presentAndServiceable: 8, presentUnserviceable: 0, absent: 2 },
        lostThroughHostileAction: { count: 2, incidentId },
      });
    });

    it('is not certified by the officer who recorded it, recording nothing', async () => {
      const before = await app.eventCount();
      const response = await post(`/v1/hostile-action-incidents/${incidentId}/certification`, officerA).send({
        certifiedOn: '2019-05-02',
      });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 403,
        code: 'FOUR_EYES_REQUIRED',
      });
      expect(await app.eventCount()).toBe(before);
    });

    it('is certified by a second officer into a major_equipment claim of 250,000.00', async () => {
      const response = await post(`/v1/hostile-action-incidents/${incidentId}/certification`, officerB).send({
        certifiedOn: '2019-05-02',
      });
      expect(response.status).toBe(200);
      const claim = await get(`/v1/claims/${response.body.certification.claimId}`, officerA);
      expect(claim.body).toMatchObject({
        ...{
          claimRef: `HA/${incidentRef}`,
          category: 'major_equipment',
          status: 'certified',
          period: '2019-04',
        },
        ...{ amountUsd: '250000.00', outstandingUsd: '250000.00' },
      });
      expect(claim.body.lines).toEqual([
        expect.objectContaining({
          kind: 'HOSTILE_ACTION_LOSS',
          quantity: '2',
          rateUsd: '125000.00',
          amountUsd: '250000.00',
        }),
      ]);
    });
  });

  it('leaves an incident below the threshold with the contributor: 125,000.00 < 250,000.00, nothing payable', async () => {
    const recorded = await post('/v1/hostile-action-incidents', officerA).send(incident(ref(), 1));
    expect(recorded.body).toMatchObject({ totalGfmvUsd: '125000.00', liability: 'contributor' });
    const before = await app.eventCount();
    const response = await post(
      `/v1/hostile-action-incidents/${recorded.body.incidentId}/certification`,
      officerB,
    ).send({
      certifiedOn: '2019-05-02',
    });
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 422,
      code: 'HOSTILE_ACTION_BELOW_THRESHOLD',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('adds items outside the MOU: 1 × 125,000.00 + 2 × 62,500.00 = 250,000.00 reaches it', async () => {
    const response = await post('/v1/hostile-action-incidents', officerA).send(
      incident(ref(), 1, [{ category: 'electrical', item: 'generator-60-kva', quantity: 2, gfmvEachUsd: '62500.00' }]),
    );
    expect(response.body).toMatchObject({ totalGfmvUsd: '250000.00', liability: 'united-nations' });
  });

  it('refuses an item on no annex B line of the MOU, recording nothing', async () => {
    const before = await app.eventCount();
    const body = incident(ref(), 1);
    const response = await post('/v1/hostile-action-incidents', officerA).send({
      ...body,
      items: [{ lineId: 'B999', quantity: 1, gfmvEachUsd: '1.00' }],
    });
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 422,
      code: 'UNKNOWN_ANNEX_B_LINE',
    });
    expect(await app.eventCount()).toBe(before);
  });

  it('refuses an item outside the MOU whose category is no code, naming it, recording nothing', async () => {
    const before = await app.eventCount();
    const response = await post('/v1/hostile-action-incidents', officerA).send(
      incident(ref(), 1, [{ category: 'Generator', item: 'generator-60-kva', quantity: 2, gfmvEachUsd: '62500.00' }]),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_CATEGORY', field: 'items[1].category' });
    expect(await app.eventCount()).toBe(before);
  });
});
