import { serviceSchema } from '@coe/messaging';
import type { ProjectionsTestApp } from '../testing/projections.test-app';
import { projectionsTestHarness, sleep } from '../testing/projections.test-harness';
import { appendSample } from '../testing/sample-history';
import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import { payablesProjection } from '../payables/payables.projection';
import type { ProjectionView, VersionView } from '@coe/projection-engine';

describe('rebuilding read models without downtime', () => {
  const { freshPrefix, start, stop, as, pool } = projectionsTestHarness('pr');

  const projections = async (t: ProjectionsTestApp, checksums = false): Promise<ProjectionView[]> =>
    (await (await as(t, ['admin'])).get(`/v1/admin/projections?checksums=${checksums}`).expect(200)).body
      .projections;
  const version = (view: ProjectionView[], projection: string, v: number): VersionView =>
    view.find((p) => p.projection === projection)!.versions.find((x) => x.version === v)!;
  const activeIs = async (t: ProjectionsTestApp, v: number, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await projections(t)).every((p) => p.activeVersion === v)) {
      if (Date.now() > deadline)
        throw new Error(`not all switched to v${v}: ${JSON.stringify(await projections(t))}`);
      await sleep(50);
    }
  };
  /** v(n) took over from v(n-1) having applied the same events, and both dumps hashed the same. */
  const expectIdenticalSwitch = (view: ProjectionView[], from: number, to: number) => {
    for (const { projection } of view) {
      const old = version(view, projection, from);
      const next = version(view, projection, to);
      expect(next).toMatchObject({ status: 'active', comparedWith: from, comparedAtSamePosition: true });
      expect(old.checksumAtRetirement).toMatch(/^[0-9a-f]{32}$/);
      expect(next.checksumAtActivation).toBe(old.checksumAtRetirement);
    }
  };

  it('switches to a version rebuilt while events keep arriving, with identical checksums', async () => {
    const t = await start(freshPrefix());
    for (let i = 0; i < 60; i++) await appendSample(t, 'seed', i);
    await t.caughtUp();
    const admin = await as(t, ['admin']);
    const clerk = await as(t, ['mou-clerk']);

    let appending = true;
    let appended = 0;
    const appender = (async () => {
      while (appending) {
        await appendSample(t, 'live', appended++);
        await sleep(5);
      }
    })();
    const { body } = await admin.post('/v1/admin/projections/rebuild', {}).expect(202);
    expect(body).toEqual({
      rebuilds: [
        { projection: 'mou-milestones', version: 2, status: 'building' },
        { projection: 'payables', version: 2, status: 'building' },
        { projection: 'cash-pool', version: 2, status: 'building' },
      ],
    });
    // the current version keeps answering while the new one fills
    for (let i = 0; i < 10; i++) {
      await clerk.get('/v1/reports/mou-backlog?asOf=2018-06-30').expect(200);
      await sleep(100);
    }
    appending = false;
    await appender;
    expect(appended).toBeGreaterThan(20);
    await activeIs(t, 2);
    await t.caughtUp();

    const view = await projections(t, true);
    expectIdenticalSwitch(view, 1, 2);
    for (const p of view) {
      expect(version(view, p.projection, 1)).toMatchObject({ status: 'retired', lag: null, checksum: null });
      expect(version(view, p.projection, 2)).toMatchObject({
        lag: { eventsBehind: 0, secondsBehind: 0, exact: true },
        parked: 0,
        checksum: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    }

    // a second rebuild from the same history gives the same tables, and drops the retired v1
    const before = await clerk.get('/v1/reports/mou-backlog?asOf=2019-06-30').expect(200);
    await admin.post('/v1/admin/projections/rebuild', {}).expect(202);
    await activeIs(t, 3);
    const again = await projections(t, true);
    expectIdenticalSwitch(again, 2, 3);
    for (const p of again) {
      expect(version(again, p.projection, 1).status).toBe('dropped');
      expect(version(again, p.projection, 3).checksum).toBe(version(view, p.projection, 2).checksum);
    }
    // the new version answers as known at the same instant exactly as the old one did
    const known = `&knownAt=${before.headers['coe-known-at']}`;
    expect((await clerk.get(`/v1/reports/mou-backlog?asOf=2019-06-30${known}`).expect(200)).body).toEqual({
      ...before.body,
      knownAt: before.headers['coe-known-at'],
      reflects: expect.objectContaining({ globalPosition: before.headers['coe-reflects-position'] }),
    });
  });

  it('rebuilds at start a version filled before its derived tables were added, answering the same meanwhile', async () => {
    const prefix = freshPrefix();
    const t = await start(prefix);
    for (let i = 0; i < 30; i++) await appendSample(t, 'seed', i);
    await t.caughtUp();
    const paths = ['/v1/reports/payables?asOf=2019-12-31', '/v1/reports/cash-pool?asOf=2019-12-31'];
    const answers = async (app: ProjectionsTestApp) => {
      const auditor = await as(app, ['auditor']);
      return Promise.all(paths.map(async (path) => (await auditor.get(path).expect(200)).body));
    };
    const before = await answers(t);
    await stop(t);
    // as a version built by the code before them: without payables' and the cash pool's derived tables
    const schema = serviceSchema('projections', prefix);
    for (const table of [...payablesProjection.rebuildWithout!, ...cashPoolProjection.rebuildWithout!])
      await pool().query(`drop table ${schema}.${table}_v1`);
    const restarted = await start(prefix, { projections: { switchCheckMs: 3_600_000 } });
    const building = await projections(restarted);
    for (const name of ['payables', 'cash-pool']) {
      const view = building.find((p) => p.projection === name)!;
      expect(view.activeVersion).toBe(1);
      expect(version(building, name, 2)).toMatchObject({ status: 'building' });
    }
    // v1 answers from the tables it has while v2 fills
    expect(await answers(restarted)).toEqual(before);
    await stop(restarted);
    const switched = await start(prefix);
    const deadline = Date.now() + 30_000;
    while (
      !(await projections(switched))
        .filter((p) => p.projection !== 'mou-milestones')
        .every((p) => p.activeVersion === 2)
    ) {
      if (Date.now() > deadline) throw new Error('the versions without derived tables were not replaced');
      await sleep(50);
    }
    // compared on the tables both versions have
    expectIdenticalSwitch(
      (await projections(switched)).filter((p) => p.projection !== 'mou-milestones'),
      1,
      2,
    );
    expect(await answers(switched)).toEqual(before);
  });

  it('keeps answering from the old version while building, refuses a second rebuild, and resumes after a restart', async () => {
    const prefix = freshPrefix();
    // a switch check that never comes: the rebuild stays building
    const t = await start(prefix, { projections: { switchCheckMs: 3_600_000 } });
    for (let i = 0; i < 30; i++) await appendSample(t, 'seed', i);
    await t.caughtUp();
    const admin = await as(t, ['admin']);
    const finance = await as(t, ['finance-officer']);
    const asked = await finance.get('/v1/reports/payables?asOf=2019-12-31').expect(200);
    const payables = { ...asked.body, knownAt: asked.headers['coe-known-at'], reflects: expect.any(Object) };

    await admin.post('/v1/admin/projections/rebuild', { projection: 'payables' }).expect(202);
    const again = await admin.post('/v1/admin/projections/rebuild', { projection: 'payables' }).expect(409);
    expect(again.body).toMatchObject({ status: 409, code: 'REBUILD_IN_PROGRESS' });
    await t.caughtUp();
    const building = await projections(t, true);
    expect(building.find((p) => p.projection === 'payables')!.activeVersion).toBe(1);
    expect(version(building, 'payables', 2)).toMatchObject({ status: 'building', lag: { eventsBehind: 0 } });
    expect(version(building, 'payables', 2).checksum).toBe(version(building, 'payables', 1).checksum);
    const known = `&knownAt=${payables.knownAt}`;
    expect((await finance.get(`/v1/reports/payables?asOf=2019-12-31${known}`).expect(200)).body).toEqual(
      payables,
    );

    await stop(t);
    const restarted = await start(prefix);
    const deadline = Date.now() + 30_000;
    while ((await projections(restarted)).find((p) => p.projection === 'payables')!.activeVersion !== 2) {
      if (Date.now() > deadline) throw new Error('the interrupted rebuild was not resumed');
      await sleep(50);
    }
    expectIdenticalSwitch(
      (await projections(restarted)).filter((p) => p.projection === 'payables'),
      1,
      2,
    );
    const reread = await as(restarted, ['finance-officer']);
    expect((await reread.get(`/v1/reports/payables?asOf=2019-12-31${known}`).expect(200)).body).toEqual(
      payables,
    );
  });

  it('refuses an unknown read model and anyone but an admin', async () => {
    const t = await start(freshPrefix());
    const admin = await as(t, ['admin']);
    const bad = await admin.post('/v1/admin/projections/rebuild', { projection: 'everything' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const auditor = await as(t, ['auditor']);
    await auditor.post('/v1/admin/projections/rebuild', {}).expect(403);
    await auditor.get('/v1/admin/projections').expect(200);
    // no body at all: every read model
    const all = await admin.post('/v1/admin/projections/rebuild').expect(202);
    expect(all.body.rebuilds).toHaveLength(3);
  });

  it('rebuilds from Kafka with a fresh consumer group, the same handlers as in-process', async () => {
    const prefix = freshPrefix();
    const t = await start(prefix, { transport: 'kafka' });
    for (let i = 0; i < 20; i++) await appendSample(t, 'seed', i);
    await t.caughtUp(60_000);
    // the first versions read each source through one group (a feed); their lag is that group's
    const { rows: feeds } = await pool().query<{ projection: string; feed: string }>(
      `select projection, feed from ${serviceSchema('projections', prefix)}.projection_versions order by projection`,
    );
    const feedOf = (projection: string) => feeds.find((f) => f.projection === projection)!.feed;
    expect(feedOf('payables')).toMatch(/^projections\.feed\.reimbursement\./);
    expect(feedOf('cash-pool')).toBe(feedOf('payables'));
    expect(feedOf('mou-milestones')).toMatch(/^projections\.feed\.mou-negotiation\./);
    const deadline = Date.now() + 30_000;
    for (let view = await projections(t); ; view = await projections(t)) {
      const lags = view.map((p) => version(view, p.projection, 1).lag);
      if (lags.every((lag) => lag?.eventsBehind === 0 && lag.exact)) break;
      if (Date.now() > deadline) throw new Error(`v1 still behind: ${JSON.stringify(lags)}`);
      await sleep(100);
    }
    const admin = await as(t, ['admin']);
    const clerk = await as(t, ['mou-clerk']);
    const backlog = (await clerk.get('/v1/reports/mou-backlog?asOf=2018-06-30').expect(200)).body;
    expect(backlog.deployedUnits).toBeGreaterThan(0);

    await admin.post('/v1/admin/projections/rebuild', {}).expect(202);
    for (let i = 20; i < 30; i++) await appendSample(t, 'seed', i);
    await activeIs(t, 2, 90_000);
    await t.caughtUp(60_000);
    const view = await projections(t, true);
    expectIdenticalSwitch(view, 1, 2);
    for (const p of view)
      expect(version(view, p.projection, 2).lag).toMatchObject({ eventsBehind: 0, exact: true });
    // the ten MOUs appended during the rebuild are in the new version
    const after = (await clerk.get('/v1/reports/mou-backlog?asOf=2018-06-30').expect(200)).body;
    expect(after.deployedUnits).toBeGreaterThan(backlog.deployedUnits);
  }, 180_000);

  it('resumes the shared feeds after a restart, answering as one uninterrupted run does', async () => {
    const prefix = freshPrefix();
    const first = await start(prefix, { transport: 'kafka' });
    for (let i = 0; i < 15; i++) await appendSample(first, 'seed', i);
    await first.caughtUp(60_000);
    await stop(first);
    // the same feeds (read from the schema), their groups continuing from their committed offsets
    const restarted = await start(prefix, { transport: 'kafka' });
    for (let i = 15; i < 25; i++) await appendSample(restarted, 'seed', i);
    await restarted.caughtUp(60_000);
    const reference = await start(freshPrefix());
    for (let i = 0; i < 25; i++) await appendSample(reference, 'seed', i);
    await reference.caughtUp();
    const reports = async (t: ProjectionsTestApp) => {
      const user = await as(t, ['finance-officer', 'mou-clerk']);
      const paths = [
        '/v1/reports/mou-backlog?asOf=2018-06-30',
        '/v1/reports/days-to-signature',
        '/v1/reports/payables?asOf=2019-12-31',
        '/v1/reports/cash-pool?asOf=2019-12-31',
      ];
      // recorded at other instants: the same events by position, not by time
      return Promise.all(
        paths.map(async (path) => {
          const { body, headers } = await user.get(path).expect(200);
          return { ...body, position: headers['coe-reflects-position'] };
        }),
      );
    };
    const [backlog, ...rest] = await reports(restarted);
    expect(backlog.deployedUnits).toBeGreaterThan(0);
    expect([backlog, ...rest]).toEqual(await reports(reference));
    const view = await projections(restarted);
    expect(view.map((p) => version(view, p.projection, 1).parked)).toEqual([0, 0, 0]);
  }, 180_000);
});
