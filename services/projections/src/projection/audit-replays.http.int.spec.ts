import { serviceSchema } from '@coe/messaging';
import { Decimal } from '@coe/platform';
import type { ProjectionsTestApp, TestAppOptions } from '../testing/projections.test-app';
import { projectionsTestHarness, sleep } from '../testing/projections.test-harness';
import { appendSample } from '../testing/sample-history';
import { versionTables } from '@coe/projection-engine';
import { type ProjectionName, projectionNamed } from './projection.registry';

describe('auditor replay check', () => {
  const { pool, freshPrefix, start, stop, as } = projectionsTestHarness('ar');

  const seeded = async (samples: number, options: TestAppOptions = {}) => {
    const prefix = freshPrefix();
    const t = await start(prefix, options);
    for (let i = 0; i < samples; i++) await appendSample(t, 'seed', i);
    await t.caughtUp(60_000);
    return { t, prefix, schema: serviceSchema('projections', prefix) };
  };
  const replay = async (t: ProjectionsTestApp, projection: string): Promise<string> => {
    const auditor = await as(t, ['auditor']);
    const { body, headers } = await auditor.post('/v1/audit/replays', { projection }).expect(202);
    expect(body).toEqual({ replayId: expect.any(String), projection, status: 'running' });
    expect(headers.location).toBe(`/v1/audit/replays/${body.replayId}`);
    return body.replayId;
  };
  const finished = async (t: ProjectionsTestApp, replayId: string, timeoutMs = 60_000) => {
    const auditor = await as(t, ['auditor']);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await auditor.get(`/v1/audit/replays/${replayId}`).expect(200);
      if (body.status !== 'running') return body;
      if (Date.now() > deadline) throw new Error(`replay still running: ${JSON.stringify(body)}`);
      await sleep(50);
    }
  };
  const count = async (table: string): Promise<number> =>
    (await pool().query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  /** The scratch copy is gone: no tables, no bookkeeping rows, version marked dropped. */
  const expectDisposed = async (schema: string, projection: string, version: number) => {
    const names = Object.values<string>(
      versionTables(schema, projectionNamed(projection as ProjectionName), version),
    );
    const tables = await pool().query(
      `select name from unnest($1::text[]) name where to_regclass(name) is not null`,
      [names],
    );
    expect(names.length).toBeGreaterThan(0);
    expect(tables.rows).toEqual([]);
    for (const table of ['consumer_positions', 'processed_events', 'projection_progress', 'dead_letters'])
      expect(await count(`${schema}.${table} where consumer = 'projections.${projection}.v${version}'`)).toBe(
        0,
      );
    const { rows } = await pool().query(
      `select status from ${schema}.projection_versions where projection = $1 and version = $2`,
      [projection, version],
    );
    expect(rows).toEqual([{ status: 'dropped' }]);
  };

  it('reports no difference when replaying every live read model', async () => {
    const { t, schema } = await seeded(40);
    const ids = [];
    for (const projection of ['mou-milestones', 'payables', 'cash-pool'])
      ids.push({ projection, replayId: await replay(t, projection) });

    for (const { projection, replayId } of ids) {
      const body = await finished(t, replayId);
      expect(body).toMatchObject({
        replayId,
        projection,
        status: 'completed',
        requestedBy: 'auditor',
        scratchVersion: 2,
        liveVersion: 1,
        identical: true,
        samePosition: true,
        eventsOnlyInLive: 0,
        eventsOnlyInReplay: 0,
        parkedInReplay: 0,
        differencesTotal: 0,
        differences: [],
        error: null,
      });
      // every table compared, with as many rows as the live one holds
      expect(body.tables.length).toBeGreaterThan(0);
      for (const table of body.tables) {
        const live = await count(`${schema}.${table.table}_v1`);
        expect(table).toEqual({
          table: table.table,
          liveRows: live,
          replayRows: live,
          onlyInLive: 0,
          onlyInReplay: 0,
          different: 0,
        });
      }
      expect(body.tables.some((table: { liveRows: number }) => table.liveRows >= 40)).toBe(true);
      await expectDisposed(schema, projection, 2);
    }

    const list = (await (await as(t, ['admin'])).get('/v1/audit/replays').expect(200)).body.items;
    expect(list).toHaveLength(3);
    expect(list.map((r: { replayId: string }) => r.replayId).sort()).toEqual(
      ids.map((i) => i.replayId).sort(),
    );
    expect(list[0]).toEqual({
      replayId: expect.any(String),
      projection: expect.any(String),
      status: 'completed',
      requestedBy: 'auditor',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      scratchVersion: 2,
      liveVersion: 1,
      identical: true,
      differencesTotal: 0,
      error: null,
    });
    // the live versions still answer
    const { rows } = await pool().query(`select projection, version, status from ${schema}.projection_versions
      where status = 'active' order by projection`);
    expect(rows.map((r) => r.version)).toEqual([1, 1, 1]);
  });

  it('reports exactly the rows an administrator changed, deleted or added in the live tables', async () => {
    const { t, schema } = await seeded(110);
    const claims = `${schema}.claims_v1`;
    const payments = `${schema}.payments_v1`;
    const allocations = `${schema}.allocations_v1`;
    const changed = (
      await pool().query<{ claim_id: string; amount_usd: string; known_from_position: string }>(
        `select claim_id, amount_usd::text, known_from_position::text from ${claims} order by claim_id limit 1 offset 7`,
      )
    ).rows[0]!;
    const deleted = (
      await pool().query(
        `select payment_id, payment_ref, mission, contributor, amount_usd::text, paid_on::text, payment_run_id,
           known_from::text, known_from_position::text, known_until::text, known_until_position::text
         from ${payments} order by payment_id limit 1 offset 3`,
      )
    ).rows[0]!;
    // tampering as a database superuser would, behind the application's back
    await pool().query(`update ${claims} set amount_usd = amount_usd + 1000 where claim_id = $1`, [
      changed.claim_id,
    ]);
    await pool().query(`delete from ${payments} where payment_id = $1`, [deleted.payment_id]);
    await pool().query(
      `insert into ${allocations} (payment_id, claim_id, claim_ref, amount_usd, known_from, known_from_position)
       values ('forged', 'c', 'REF-c', 5, '2026-01-01T00:00:00Z', 0)`,
    );
    const receipts = await count(`${schema}.fund_receipts_v1`);
    await pool().query(`delete from ${schema}.fund_receipts_v1`);

    const payables = await finished(t, await replay(t, 'payables'));
    expect(payables).toMatchObject({ status: 'completed', identical: false, samePosition: true });
    expect(payables.differencesTotal).toBe(3);
    expect(payables.differences).toEqual([
      {
        table: 'allocations',
        kind: 'only-in-live',
        key: { payment_id: 'forged', claim_id: 'c' },
        live: {
          payment_id: 'forged',
          claim_id: 'c',
          claim_ref: 'REF-c',
          amount_usd: '5.00',
          known_from: '2026-01-01 00:00:00+00',
          known_from_position: '0',
          known_until: null,
          known_until_position: null,
        },
      },
      {
        table: 'claims',
        kind: 'different',
        key: { claim_id: changed.claim_id, known_from_position: changed.known_from_position },
        columns: [
          {
            column: 'amount_usd',
            live: new Decimal(changed.amount_usd).plus(1000).toFixed(2),
            replay: changed.amount_usd,
          },
        ],
      },
      {
        table: 'payments',
        kind: 'only-in-replay',
        key: { payment_id: deleted.payment_id },
        replay: deleted,
      },
    ]);
    const tables = Object.fromEntries(payables.tables.map((x: { table: string }) => [x.table, x]));
    const claimRows = await count(claims);
    const paymentRows = await count(payments);
    expect(tables.claims).toEqual({
      table: 'claims',
      liveRows: claimRows,
      replayRows: claimRows,
      onlyInLive: 0,
      onlyInReplay: 0,
      different: 1,
    });
    expect(tables.payments).toMatchObject({
      liveRows: paymentRows,
      replayRows: paymentRows + 1,
      onlyInReplay: 1,
    });
    expect(tables.allocations).toMatchObject({ onlyInLive: 1, onlyInReplay: 0, different: 0 });

    // more differences than shown: the total, and the first hundred by key
    const cashPool = await finished(t, await replay(t, 'cash-pool'));
    expect(receipts).toBeGreaterThan(100);
    expect(cashPool).toMatchObject({ identical: false, differencesTotal: receipts });
    expect(cashPool.differences).toHaveLength(100);
    expect(new Set(cashPool.differences.map((d: { kind: string }) => d.kind))).toEqual(
      new Set(['only-in-replay']),
    );
    const keys = cashPool.differences.map((d: { key: { event_id: string } }) => d.key.event_id);
    expect(keys).toEqual([...keys].sort());
    // the replay reports, it does not repair
    expect(await count(`${schema}.fund_receipts_v1`)).toBe(0);
  });

  it('resumes a replay interrupted by a restart', async () => {
    // a check that never comes: the replay stays running until the process stops
    const { t, prefix, schema } = await seeded(20, { projections: { switchCheckMs: 3_600_000 } });
    const replayId = await replay(t, 'mou-milestones');
    await t.caughtUp();
    const auditor = await as(t, ['auditor']);
    const running = (await auditor.get(`/v1/audit/replays/${replayId}`).expect(200)).body;
    expect(running).toMatchObject({ status: 'running', identical: null, lag: expect.any(Object) });
    await stop(t);

    const restarted = await start(prefix);
    const body = await finished(restarted, replayId);
    expect(body).toMatchObject({ status: 'completed', identical: true, differencesTotal: 0 });
    await expectDisposed(schema, 'mou-milestones', 2);
  });

  it('refuses bad requests with problem+json', async () => {
    const { t } = await seeded(3, { projections: { switchCheckMs: 3_600_000 } });
    const auditor = await as(t, ['auditor']);
    const bad = await auditor.post('/v1/audit/replays', { projection: 'everything' }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'projection' })]);
    const none = await auditor.post('/v1/audit/replays').expect(400);
    expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED' });

    const unknown = await auditor.get('/v1/audit/replays/4b0c3c5e-3d1f-4c3a-9a51-0d7d3c1f2a11').expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 404, code: 'REPLAY_NOT_FOUND' });
    await auditor.get('/v1/audit/replays/not-an-id').expect(404);

    await replay(t, 'payables');
    const again = await auditor.post('/v1/audit/replays', { projection: 'payables' }).expect(409);
    expect(again.body).toMatchObject({ status: 409, code: 'REPLAY_IN_PROGRESS' });
    await replay(t, 'cash-pool'); // another read model may be replayed meanwhile

    const finance = await as(t, ['finance-officer']);
    await finance.post('/v1/audit/replays', { projection: 'payables' }).expect(403);
    await finance.get('/v1/audit/replays').expect(403);
    // nothing the refused requests could have started
    const list = (await auditor.get('/v1/audit/replays').expect(200)).body.items;
    expect(list.map((r: { projection: string }) => r.projection).sort()).toEqual(['cash-pool', 'payables']);
  });

  it('replays from Kafka with its own consumer group', async () => {
    const { t, schema } = await seeded(15, { transport: 'kafka' });
    const body = await finished(t, await replay(t, 'payables'), 90_000);
    expect(body).toMatchObject({
      status: 'completed',
      identical: true,
      samePosition: true,
      differencesTotal: 0,
    });
    expect(body.tables.find((x: { table: string }) => x.table === 'claims')).toMatchObject({
      liveRows: 15,
      replayRows: 15,
    });
    await expectDisposed(schema, 'payables', 2);
  }, 180_000);
});
