import type { NewEvent } from '@coe/event-store';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { fullySigned, mouDrafted, unitDeployed, unitRepatriated, withdrawn } from '../testing/mou-events';
import { type ProjectionsTestApp, startProjectionsTestApp } from '../testing/projections.test-app';

// A small register whose answers are computed by hand in the comments.
//   MINUSMA M1 opened 2018-01-10, deployed 2018-06-01, signed 2019-03-01 / 2019-04-15: 318 days (460 from negotiation)
//           M2 opened 2018-02-01, signed 2018-05-01 / 2018-05-10, deployed 2018-07-01: signed first, 0 days (98)
//           M3 opened 2019-01-05, deployed 2019-10-31, not signed
//           M4 opened 2017-03-01, deployed 2017-09-01, repatriated 2019-06-30, never signed
//           M5 opened 2018-09-01, deployed 2019-02-01, signed 2019-02-11: 10 days (163)
//           M6 opened 2018-12-01, deployed 2019-01-01, signed 2019-08-02: 213 days (244)
//   UNMISS  U1 opened 2019-02-01, not deployed, not signed
//           U2 opened 2019-03-01, withdrawn 2019-09-01
//           U3 opened 2018-11-01, deployed 2019-01-15, signed 2019-11-20 / 2019-12-05: 324 days (399)
//           U4 opened 2019-01-01, never deployed, signed 2019-06-01 (151 from negotiation)
//   MONUSCO X1 opened 2019-11-15
const history: Record<string, NewEvent[]> = {
  M1: [
    mouDrafted('M1', 'MINUSMA', '2018-01-10'),
    unitDeployed('M1', '2018-06-01'),
    ...fullySigned('M1', '2019-03-01', '2019-04-15'),
  ],
  M2: [
    mouDrafted('M2', 'MINUSMA', '2018-02-01'),
    ...fullySigned('M2', '2018-05-01', '2018-05-10'),
    unitDeployed('M2', '2018-07-01'),
  ],
  M3: [mouDrafted('M3', 'MINUSMA', '2019-01-05'), unitDeployed('M3', '2019-10-31')],
  M4: [
    mouDrafted('M4', 'MINUSMA', '2017-03-01'),
    unitDeployed('M4', '2017-09-01'),
    unitRepatriated('M4', '2019-06-30'),
  ],
  M5: [
    mouDrafted('M5', 'MINUSMA', '2018-09-01'),
    unitDeployed('M5', '2019-02-01'),
    ...fullySigned('M5', '2019-02-11', '2019-02-11'),
  ],
  M6: [
    mouDrafted('M6', 'MINUSMA', '2018-12-01'),
    unitDeployed('M6', '2019-01-01'),
    ...fullySigned('M6', '2019-08-02', '2019-07-01'),
  ],
  U1: [mouDrafted('U1', 'UNMISS', '2019-02-01')],
  U2: [mouDrafted('U2', 'UNMISS', '2019-03-01'), withdrawn('U2', '2019-09-01')],
  U3: [
    mouDrafted('U3', 'UNMISS', '2018-11-01'),
    unitDeployed('U3', '2019-01-15'),
    ...fullySigned('U3', '2019-11-20', '2019-12-05'),
  ],
  U4: [mouDrafted('U4', 'UNMISS', '2019-01-01'), ...fullySigned('U4', '2019-06-01', '2019-05-20')],
  X1: [mouDrafted('X1', 'MONUSCO', '2019-11-15')],
};

describe('MOU backlog and days to signature', () => {
  let pool: Pool;
  let prefix: string;
  let t: ProjectionsTestApp;
  let clerk: string;

  beforeAll(async () => {
    pool = testPool(4);
    prefix = `${randomSchema('pb')}_`;
    t = await startProjectionsTestApp(pool, prefix);
    for (const [mou, events] of Object.entries(history))
      await t.append('mou-negotiation', `mou-${mou}`, events);
    await t.caughtUp();
    clerk = await t.token({ roles: ['mou-clerk'] });
  });

  afterAll(async () => {
    await t?.close();
    for (const s of ['projections', 'mou_negotiation', 'reimbursement'])
      await dropSchema(pool, `${prefix}${s}`);
    await pool?.end();
  });

  const get = (path: string, token = clerk) =>
    request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  const backlog = async (asOf: string) =>
    (await get(`/v1/reports/mou-backlog?asOf=${asOf}`).expect(200)).body;

  it('counts deployed units, those pending signature and MOUs pending before deployment, per mission', async () =>
    expect(await backlog('2019-10-31')).toEqual({
      asOf: '2019-10-31',
      deployedUnits: 6,
      pendingSignature: 2,
      pendingSignatureBeforeDeployment: 1,
      // MONUSCO's only MOU opened after the date: all zero, left out
      byMission: [
        { mission: 'MINUSMA', deployedUnits: 5, pendingSignature: 1, pendingSignatureBeforeDeployment: 0 },
        { mission: 'UNMISS', deployedUnits: 1, pendingSignature: 1, pendingSignatureBeforeDeployment: 1 },
      ],
    }));

  it('counts a unit on the day it deploys, and not the day before', async () =>
    expect(await backlog('2019-10-30')).toMatchObject({
      deployedUnits: 5,
      pendingSignature: 1,
      pendingSignatureBeforeDeployment: 2,
      byMission: [
        { mission: 'MINUSMA', deployedUnits: 4, pendingSignature: 0, pendingSignatureBeforeDeployment: 1 },
        { mission: 'UNMISS', deployedUnits: 1, pendingSignature: 1, pendingSignatureBeforeDeployment: 1 },
      ],
    }));

  it('stops counting a repatriated unit on its repatriation day; a withdrawn MOU counts until withdrawn', async () => {
    expect(await backlog('2019-06-29')).toMatchObject({
      deployedUnits: 6,
      pendingSignature: 3,
      pendingSignatureBeforeDeployment: 3,
      byMission: [
        { mission: 'MINUSMA', deployedUnits: 5, pendingSignature: 2, pendingSignatureBeforeDeployment: 1 },
        { mission: 'UNMISS', deployedUnits: 1, pendingSignature: 1, pendingSignatureBeforeDeployment: 2 },
      ],
    });
    expect((await backlog('2019-06-30')).byMission[0]).toEqual({
      mission: 'MINUSMA',
      deployedUnits: 4,
      pendingSignature: 1,
      pendingSignatureBeforeDeployment: 1,
    });
  });

  it('draws month-end points that agree with the report on those dates', async () => {
    const { body } = await get('/v1/reports/mou-backlog/series?from=2019-05&to=2019-07').expect(200);
    expect(body.points.map((p: { month: string; asOf: string }) => [p.month, p.asOf])).toEqual([
      ['2019-05', '2019-05-31'],
      ['2019-06', '2019-06-30'],
      ['2019-07', '2019-07-31'],
    ]);
    for (const point of body.points) {
      const report = await backlog(point.asOf);
      expect(point).toEqual({
        month: point.month,
        asOf: point.asOf,
        deployedUnits: report.deployedUnits,
        pendingSignature: report.pendingSignature,
        pendingSignatureBeforeDeployment: report.pendingSignatureBeforeDeployment,
      });
    }
    expect(body.points[1]).toMatchObject({
      deployedUnits: 5,
      pendingSignature: 2,
      pendingSignatureBeforeDeployment: 3,
    });
  });

  it('draws one mission alone', async () => {
    const { body } = await get(
      '/v1/reports/mou-backlog/series?from=2019-10&to=2019-10&mission=UNMISS',
    ).expect(200);
    expect(body).toEqual({
      from: '2019-10',
      to: '2019-10',
      mission: 'UNMISS',
      points: [
        {
          month: '2019-10',
          asOf: '2019-10-31',
          deployedUnits: 1,
          pendingSignature: 1,
          pendingSignatureBeforeDeployment: 1,
        },
      ],
    });
  });

  it('measures days from deployment: signed-before-deployment is 0, no deployment is left out, even count median', async () =>
    expect((await get('/v1/reports/days-to-signature').expect(200)).body).toEqual({
      from: 'deployment',
      years: [
        { year: 2018, signed: 1, averageDays: 0, medianDays: 0, maxDays: 0 },
        // 10, 213, 318, 324
        { year: 2019, signed: 4, averageDays: 216.25, medianDays: 265.5, maxDays: 324 },
      ],
    }));

  it('measures days from the day negotiation opened', async () =>
    expect((await get('/v1/reports/days-to-signature?from=negotiation').expect(200)).body).toEqual({
      from: 'negotiation',
      years: [
        { year: 2018, signed: 1, averageDays: 98, medianDays: 98, maxDays: 98 },
        // 151, 163, 244, 399, 460
        { year: 2019, signed: 5, averageDays: 283.4, medianDays: 244, maxDays: 460 },
      ],
    }));

  it('changes past answers when a signature with an earlier business date is recorded late', async () => {
    await t.append('mou-negotiation', 'mou-M3', fullySigned('M3', '2019-10-01', '2019-10-20'));
    await t.caughtUp();
    expect(await backlog('2019-10-31')).toMatchObject({
      deployedUnits: 6,
      pendingSignature: 1,
      pendingSignatureBeforeDeployment: 1,
    });
    expect((await backlog('2019-10-30')).byMission[0]).toEqual({
      mission: 'MINUSMA',
      deployedUnits: 4,
      pendingSignature: 0,
      pendingSignatureBeforeDeployment: 0,
    });
    expect((await backlog('2019-09-30')).byMission[0]).toMatchObject({ pendingSignatureBeforeDeployment: 1 });
  });

  describe('refuses', () => {
    it.each([
      ['/v1/reports/mou-backlog?asOf=2019-02-30', 'VALIDATION_FAILED'],
      ['/v1/reports/mou-backlog?asOf=31/10/2019', 'VALIDATION_FAILED'],
      ['/v1/reports/mou-backlog?asOf=2999-01-01', 'VALIDATION_FAILED'],
      ['/v1/reports/mou-backlog?asOf=2019-10-31&mission=X', 'VALIDATION_FAILED'],
      ['/v1/reports/days-to-signature?from=signature', 'VALIDATION_FAILED'],
      ['/v1/reports/mou-backlog/series?from=2019-13&to=2019-12', 'VALIDATION_FAILED'],
      ['/v1/reports/mou-backlog/series?from=2019-12&to=2019-01', 'INVALID_MONTH_RANGE'],
    ])('%s with a 400 %s', async (path, code) => {
      const response = await get(path).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code });
    });

    it('a request without a token', () =>
      request(t.app.getHttpServer()).get('/v1/reports/mou-backlog').expect(401));

    it('a contributor representative', async () => {
      const token = await t.token({ roles: ['contributor-representative'], contributor: 'BGD' });
      expect((await get('/v1/reports/days-to-signature', token).expect(403)).body.code).toBe('FORBIDDEN');
    });
  });

  it('answers as of today by default', async () => {
    const { body } = await get('/v1/reports/mou-backlog').expect(200);
    // every MOU of a deployed unit is signed by now; U1 and X1 still wait, undeployed
    expect(body).toMatchObject({
      asOf: new Date().toISOString().slice(0, 10),
      deployedUnits: 6,
      pendingSignature: 0,
      pendingSignatureBeforeDeployment: 2,
    });
  });
});
