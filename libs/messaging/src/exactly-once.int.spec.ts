import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '@coe/contracts';
import { runMigrations } from '@coe/event-store';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import type { EventHandler } from './event-handler';
import { ExactlyOnceApplier, type Feed } from './exactly-once';
import { messagingMigrations } from './messaging.migrations';

let position = 0n;
/** The next event in the relay's publishing order (each in a transaction of its own). */
const event = (type: string): IntegrationEvent => {
  position++;
  return {
    id: randomUUID(),
    type,
    source: '/coe/reimbursement',
    streamId: `claim-${position}`,
    streamVersion: 1n,
    globalPosition: position,
    transactionId: 5000n + position,
    effectiveOn: null,
    recordedAt: new Date(),
    data: {},
    hash: 'h',
  };
};
/** As published before coe_transactionid existed. */
const withoutTransactionId = (e: IntegrationEvent): IntegrationEvent => ({ ...e, transactionId: null });

const partition0: Feed = { topic: 'coe.reimbursement.events', partition: 0 };
const partition1: Feed = { topic: 'coe.reimbursement.events', partition: 1 };

describe('ExactlyOnceApplier with a batch handler', () => {
  let pool: Pool;
  let schema: string;
  let batches: string[][];
  let failing: string | null;
  let slow: boolean;

  beforeEach(async () => {
    pool = testPool(4);
    schema = randomSchema('applier');
    await runMigrations(pool, schema, messagingMigrations);
    await pool.query(`create table ${schema}.effects (event_id uuid not null)`);
    batches = [];
    failing = null;
    slow = false;
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
      if (slow) await tx.query('select pg_sleep(0.3)');
      // fails after its write, before the commit
      if (events.some((e) => e.type === failing)) throw new Error('cannot apply');
    },
  };
  const applier = () => new ExactlyOnceApplier({ pool, schema, handler, maxAttempts: 2 });
  const effects = async () =>
    (await pool.query<{ event_id: string }>(`select event_id from ${schema}.effects`)).rows
      .map((r) => r.event_id)
      .sort();
  const ids = (events: IntegrationEvent[]) => events.map((e) => e.id).sort();
  const positionOf = async (feed: Feed) =>
    (
      await pool.query(
        `select transaction_id::text as "transactionId", global_position::int as "globalPosition", events::int
         from ${schema}.consumer_positions where consumer = 'batched' and topic = $1 and partition = $2`,
        [feed.topic, feed.partition],
      )
    ).rows[0];

  it('hands it only the new events of handled types, in order, in one call', async () => {
    const [a, ignored, b, c] = [
      event('ClaimCertified'),
      event('PaymentRunExecuted'),
      event('ClaimCertified'),
      event('ClaimCertified'),
    ];
    expect(await applier().applyBatch([a!, ignored!, b!], partition0)).toEqual({
      applied: 3,
      duplicates: 0,
      parked: 0,
    });
    // Kafka redelivers from an offset before the commit: what was applied comes again, in order
    expect(await applier().applyBatch([ignored!, b!, c!, c!], partition0)).toEqual({
      applied: 1,
      duplicates: 3,
      parked: 0,
    });
    expect(await applier().applyBatch([a!, b!], partition0)).toEqual({
      applied: 0,
      duplicates: 2,
      parked: 0,
    });
    expect(batches).toEqual([['ClaimCertified', 'ClaimCertified'], ['ClaimCertified']]);
    expect(await effects()).toEqual(ids([a!, b!, c!]));
  });

  it('ignores what a relay that restarted before saving its checkpoint publishes again', async () => {
    const [e1, e2, e3, e4] = [1, 2, 3, 4].map(() => event('ClaimCertified'));
    await applier().applyBatch([e1!, e2!, e3!], partition0);
    // the relay publishes e2 and e3 again from its checkpoint, then goes on
    expect(await applier().applyBatch([e2!, e3!, e4!], partition0)).toEqual({
      applied: 1,
      duplicates: 2,
      parked: 0,
    });
    expect(await effects()).toEqual(ids([e1!, e2!, e3!, e4!]));
    expect(await positionOf(partition0)).toEqual({
      transactionId: e4!.transactionId!.toString(),
      globalPosition: Number(e4!.globalPosition),
      events: 4,
    });
  });

  it('keeps a position per partition: an earlier event in another partition is new there', async () => {
    const [e1, e2, e3, e4] = [1, 2, 3, 4].map(() => event('ClaimCertified'));
    await applier().applyBatch([e1!, e3!], partition0);
    expect(await applier().applyBatch([e2!, e4!], partition1)).toEqual({
      applied: 2,
      duplicates: 0,
      parked: 0,
    });
    expect(await effects()).toEqual(ids([e1!, e2!, e3!, e4!]));
  });

  it('tells events published without a transaction id apart by their ids', async () => {
    const [x, y, z] = [1, 2, 3].map(() => withoutTransactionId(event('ClaimCertified')));
    await applier().applyBatch([x!, y!], partition0);
    expect(await applier().applyBatch([y!, x!, z!, z!], partition0)).toEqual({
      applied: 1,
      duplicates: 3,
      parked: 0,
    });
    expect(await effects()).toEqual(ids([x!, y!, z!]));
    expect((await positionOf(partition0)).events).toBe(3);
  });

  it('knows an event consumed by its id before the upgrade when it is published again with a transaction id', async () => {
    const [x, y] = [event('ClaimCertified'), event('ClaimCertified')];
    await applier().applyBatch([withoutTransactionId(x!)], partition0);
    expect(await applier().applyBatch([x!, y!], partition0)).toEqual({
      applied: 1,
      duplicates: 1,
      parked: 0,
    });
    expect(await effects()).toEqual(ids([x!, y!]));
  });

  it('applies a batch once when two members of a group apply it at the same time', async () => {
    // an evicted member still applying while the partition's new owner starts on the same messages
    slow = true;
    const batch = [event('ClaimCertified'), event('ClaimCertified'), event('ClaimCertified')];
    const outcomes = await Promise.all([
      applier().applyBatch(batch, partition0),
      applier().applyBatch(batch, partition0),
    ]);
    expect(outcomes.map((o) => o.applied).sort()).toEqual([0, 3]);
    expect(await effects()).toEqual(ids(batch));
  });

  it('retries a failing batch one event at a time, keeping alive between them, and parks the bad one', async () => {
    failing = 'Poison';
    const events = [event('ClaimCertified'), event('Poison'), event('ClaimCertified')];
    let keptAlive = 0;
    const outcome = await applier().applyBatch(events, partition0, async () => void keptAlive++);
    expect(outcome).toEqual({ applied: 2, duplicates: 0, parked: 1 });
    expect(keptAlive).toBe(3);
    expect(batches).toEqual([
      ['ClaimCertified', 'Poison', 'ClaimCertified'],
      ['ClaimCertified'],
      ['Poison'],
      ['Poison'],
      ['ClaimCertified'],
    ]);
    expect(await effects()).toEqual(ids([events[0]!, events[2]!]));
    // the parked event is consumed: redelivered, it is not applied nor parked again
    expect(await applier().applyBatch(events, partition0)).toEqual({ applied: 0, duplicates: 3, parked: 0 });
    expect((await positionOf(partition0)).events).toBe(3);
    failing = null;
    expect(await applier().retryParked()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await effects()).toEqual(ids(events));
    expect(await applier().retryParked()).toEqual({ retried: 0, stillFailing: 0 });
  });
});
