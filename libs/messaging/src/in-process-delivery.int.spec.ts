import { PostgresEventStore, runMigrations, type EventMetadata } from '@coe/event-store';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import type { EventHandler } from './event-handler';
import { InProcessDelivery } from './in-process-delivery';
import { messagingMigrations } from './messaging.migrations';

const metadata: EventMetadata = { actor: { sub: 'clerk', roles: ['mou-clerk'] } };

describe('InProcessDelivery', () => {
  let pool: Pool;
  let schemas: string[];
  let units: PostgresEventStore;
  let mous: PostgresEventStore;
  let consumerSchema: string;

  beforeEach(async () => {
    pool = testPool(4);
    schemas = [randomSchema('fg'), randomSchema('mou'), randomSchema('proj')];
    [units, mous] = [
      new PostgresEventStore({ pool, schema: schemas[0]! }),
      new PostgresEventStore({ pool, schema: schemas[1]! }),
    ];
    consumerSchema = schemas[2]!;
    await units.migrate();
    await mous.migrate();
    await runMigrations(pool, consumerSchema, messagingMigrations);
    await pool.query(
      `create table ${consumerSchema}.effects (event_id uuid not null, source text not null, type text not null)`,
    );
  });
  afterEach(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  const handler = (failOn?: () => string | null): EventHandler => ({
    name: 'backlog',
    eventTypes: ['UnitDeployed', 'MouSigned', 'Poison'],
    handle: async (event, tx) => {
      await tx.query(`insert into ${consumerSchema}.effects values ($1, $2, $3)`, [
        event.id,
        event.source,
        event.type,
      ]);
      if (failOn?.() === event.type) throw new Error('cannot apply');
    },
  });
  const delivery = (h: EventHandler) =>
    new InProcessDelivery({
      pool,
      schema: consumerSchema,
      handler: h,
      sources: [
        { service: 'force-generation', store: units },
        { service: 'mou-negotiation', store: mous },
      ],
      idlePollMs: 5000, // long, so the test shows that an append wakes it
    });
  const effects = async () =>
    (
      await pool.query(
        `select source, type, count(*)::int as copies from ${consumerSchema}.effects group by 1, 2 order by 1, 2`,
      )
    ).rows;

  it('delivers every source once, resumes from its checkpoint, and ignores types it does not handle', async () => {
    await units.append(
      'unit-1',
      [
        { type: 'UnitDeployed', data: {} },
        { type: 'UnitRotated', data: {} },
      ],
      { metadata },
    );
    await mous.append('mou-1', [{ type: 'MouSigned', data: {} }], { metadata });
    expect(await delivery(handler()).drain()).toBe(3);
    expect(await delivery(handler()).drain()).toBe(0); // a restarted process continues where it stopped
    expect(await effects()).toEqual([
      { source: '/coe/force-generation', type: 'UnitDeployed', copies: 1 },
      { source: '/coe/mou-negotiation', type: 'MouSigned', copies: 1 },
    ]);
  });

  it('wakes as soon as a store appends, without waiting for the poll', async () => {
    const running = delivery(handler());
    running.start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // let it go idle
      const started = Date.now();
      await mous.append('mou-2', [{ type: 'MouSigned', data: {} }], { metadata });
      while ((await effects()).length === 0 && Date.now() - started < 4000)
        await new Promise((r) => setTimeout(r, 10));
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await running.stop();
    }
  });

  it('parks a failing event, moves on, and applies it when retried', async () => {
    let failing: string | null = 'Poison';
    await units.append(
      'unit-1',
      [
        { type: 'UnitDeployed', data: {} },
        { type: 'Poison', data: {} },
        { type: 'UnitDeployed', data: {} },
      ],
      {
        metadata,
      },
    );
    const d = delivery(handler(() => failing));
    await d.drain();
    expect(await d.health()).toEqual({ ok: false, detail: '1 parked event(s)' });
    expect(await effects()).toEqual([{ source: '/coe/force-generation', type: 'UnitDeployed', copies: 2 }]);
    failing = null;
    expect(await d.applier.retryParked()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await d.health()).toEqual({ ok: true });
    expect(await delivery(handler()).drain()).toBe(0);
    expect(await effects()).toEqual([
      { source: '/coe/force-generation', type: 'Poison', copies: 1 },
      { source: '/coe/force-generation', type: 'UnitDeployed', copies: 2 },
    ]);
  });
});
