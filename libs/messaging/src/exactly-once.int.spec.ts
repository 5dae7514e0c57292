import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '@coe/contracts';
import { runMigrations } from '@coe/event-store';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import type { EventHandler } from './event-handler';
import { ExactlyOnceApplier } from './exactly-once';
import { messagingMigrations } from './messaging.migrations';

let position = 0n;
const event = (type: string): IntegrationEvent => ({
  id: randomUUID(),
  type,
  source: '/coe/reimbursement',
  streamId: 'claim-1',
  streamVersion: 1n,
  globalPosition: ++position,
  effectiveOn: null,
  recordedAt: new Date(),
  data: {},
  hash: 'h',
});

describe('ExactlyOnceApplier with a batch handler', () => {
  let pool: Pool;
  let schema: string;
  let batches: string[][];
  let failing: string | null;

  beforeEach(async () => {
    pool = testPool(2);
    schema = randomSchema('applier');
    await runMigrations(pool, schema, messagingMigrations);
    await pool.query(`create table ${schema}.effects (event_id uuid not null)`);
    batches = [];
    failing = null;
  });
  afterEach(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  const handler: EventHandler = {
    name: 'batched',
    eventTypes: ['ClaimCertified', 'Poison'],
    handle: () => Promise.reject(new Error('handleBatch is there: handle must not be called')),
    handleBatch: async (events, tx) => {
      batches.push(events.map((e) => e.type));
      await tx.query(`insert into ${schema}.effects select unnest($1::uuid[])`, [events.map((e) => e.id)]);
      // fails after its write, before the commit
      if (events.some((e) => e.type === failing)) throw new Error('cannot apply');
    },
  };
  const applier = () => new ExactlyOnceApplier({ pool, schema, handler, maxAttempts: 2 });
  const effects = async () =>
    (await pool.query<{ event_id: string }>(`select event_id from ${schema}.effects`)).rows
      .map((r) => r.event_id)
      .sort();

  it('hands it only the new events of handled types, in order, in one call', async () => {
    const [a, b, c] = [event('ClaimCertified'), event('ClaimCertified'), event('ClaimCertified')];
    const ignored = event('PaymentRunExecuted');
    expect(await applier().applyBatch([a!, ignored, b!])).toEqual({ applied: 3, duplicates: 0, parked: 0 });
    expect(await applier().applyBatch([b!, c!, a!, c!])).toEqual({ applied: 1, duplicates: 3, parked: 0 });
    expect(await applier().applyBatch([ignored, a!])).toEqual({ applied: 0, duplicates: 2, parked: 0 });
    expect(batches).toEqual([['ClaimCertified', 'ClaimCertified'], ['ClaimCertified']]);
    expect(await effects()).toEqual([a!.id, b!.id, c!.id].sort());
  });

  it('retries a failing batch one event at a time, keeping alive between them, and parks the bad one', async () => {
    failing = 'Poison';
    const events = [event('ClaimCertified'), event('Poison'), event('ClaimCertified')];
    let keptAlive = 0;
    const outcome = await applier().applyBatch(events, undefined, async () => void keptAlive++);
    expect(outcome).toEqual({ applied: 2, duplicates: 0, parked: 1 });
    expect(keptAlive).toBe(3);
    expect(batches).toEqual([
      ['ClaimCertified', 'Poison', 'ClaimCertified'],
      ['ClaimCertified'],
      ['Poison'],
      ['Poison'],
      ['ClaimCertified'],
    ]);
    expect(await effects()).toEqual([events[0]!.id, events[2]!.id].sort());
    failing = null;
    expect(await applier().retryParked()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await effects()).toEqual(events.map((e) => e.id).sort());
  });
});
