import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { type ProjectionsTestApp, startProjectionsTestApp } from '../testing/projections.test-app';
import { claimCertified } from '../testing/reimbursement-events';
import { appendSample } from '../testing/sample-history';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('projection lag and health', () => {
  let pool: Pool;
  let prefix: string;
  let t: ProjectionsTestApp;

  beforeAll(async () => {
    pool = testPool(4);
    prefix = `${randomSchema('pm')}_`;
    t = await startProjectionsTestApp(pool, prefix);
    for (let i = 0; i < 10; i++) await appendSample(t, 'seed', i);
    await t.caughtUp();
  });

  afterAll(async () => {
    await t?.close();
    for (const s of ['projections', 'mou_negotiation', 'reimbursement'])
      await dropSchema(pool, `${prefix}${s}`);
    await pool?.end();
  });

  const http = () => request(t.app.getHttpServer());

  it('exposes events and seconds behind, and parked events, per read-model version', async () => {
    const { text } = await http().get('/metrics').expect(200);
    for (const projection of ['mou-milestones', 'payables', 'cash-pool']) {
      const labels = `{projection="${projection}",version="1",status="active"}`;
      expect(text).toContain(`coe_projection_events_behind${labels} 0`);
      expect(text).toContain(`coe_projection_seconds_behind${labels} 0`);
      expect(text).toContain(`coe_projection_parked_events${labels} 0`);
    }
  });

  it('is healthy while nothing is parked', async () =>
    expect((await http().get('/health').expect(200)).body.checks.projections).toEqual({ ok: true }));

  describe('when an event cannot be applied', () => {
    beforeAll(async () => {
      // not an amount: the payables projection cannot store it, parks it and carries on
      await t.append('reimbursement', 'claim-bad', [
        claimCertified('bad', 'IND', 'MINUSMA', 'lots', '2019-01-01'),
      ]);
      await t.append('reimbursement', 'claim-good', [
        claimCertified('good', 'NPL', 'UNIFIL', '10.00', '2019-01-01'),
      ]);
      const deadline = Date.now() + 30_000;
      while ((await http().get('/health')).status === 200 && Date.now() < deadline) await sleep(50);
    });

    it('reports unhealthy, naming the projection', async () => {
      const response = await http().get('/health').expect(503);
      expect(response.body).toMatchObject({
        status: 503,
        code: 'UNHEALTHY',
        checks: { projections: { ok: false, detail: 'projections.payables.v1: 1 parked event(s)' } },
      });
    });

    it('counts the parked event', async () =>
      expect((await http().get('/metrics').expect(200)).text).toContain(
        'coe_projection_parked_events{projection="payables",version="1",status="active"} 1',
      ));

    it('still applies the events after it', async () => {
      const token = await t.token({ roles: ['auditor'] });
      const { body } = await http()
        .get('/v1/reports/contributors/NPL/statement?asOf=2019-12-31')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(body.claims.map((c: { claimId: string }) => c.claimId)).toContain('good');
    });

    it('lets an admin retry it, which fails again', async () => {
      const token = await t.token({ roles: ['admin'] });
      const { body } = await http()
        .post('/v1/admin/projections/payables/retry-parked')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(body).toEqual({ retried: 0, stillFailing: 1 });
      const list = await http()
        .get('/v1/admin/projections')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const payables = list.body.projections.find((p: { projection: string }) => p.projection === 'payables');
      expect(payables.versions[0]).toMatchObject({ version: 1, status: 'active', parked: 1 });
    });
  });
});
