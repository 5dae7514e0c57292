import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '@coe/contracts';
import { PostgresEventStore, runMigrations, type EventMetadata } from '@coe/event-store';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { randomTopic, testBrokers } from '../../../test/support/kafka';
import type { EventHandler } from './event-handler';
import { KafkaEventPublisher } from './event-publisher';
import { EventRelay } from './event-relay';
import { fromStoredEvent, toKafkaRecord } from './integration-events';
import { KafkaEventConsumer } from './kafka-event-consumer';
import { createKafka, ensureTopics } from './kafka';
import { messagingMigrations } from './messaging.migrations';

const metadata: EventMetadata = { actor: { sub: 'finance-1', roles: ['finance-officer'] } };

const eventually = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('KafkaEventConsumer', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let kafka: Kafka;
  let topic: string;
  const running: KafkaEventConsumer[] = [];

  beforeEach(async () => {
    pool = testPool(8);
    schema = randomSchema('consumer');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await runMigrations(pool, schema, messagingMigrations);
    // the effect table has no unique key: applying an event twice would show as a second row
    await pool.query(
      `create table ${schema}.effects (event_id uuid not null, consumer text not null, n int not null)`,
    );
    kafka = createKafka({ brokers: testBrokers(), clientId: 'consumer-test' });
    topic = randomTopic('coe');
    await ensureTopics(kafka, [topic], 6);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    await dropSchema(pool, schema);
    await pool.end();
  });

  const publish = async (count: number, type = 'ClaimCertified', from = 0) => {
    for (let i = from; i < from + count; i++) {
      await store.append(`claim-${i % 7}`, [{ type, data: { n: i } }], { metadata });
    }
    const publisher = new KafkaEventPublisher(kafka);
    await new EventRelay({
      name: 'kafka',
      service: 'reimbursement',
      store,
      pool,
      schema,
      publisher,
      topic,
    }).drain();
    await publisher.close();
  };

  const recordingHandler = (
    name: string,
    fail?: (event: IntegrationEvent, attempt: number) => boolean,
  ): EventHandler => {
    const attempts = new Map<string, number>();
    return {
      name,
      handle: async (event, tx) => {
        await tx.query(`insert into ${schema}.effects (event_id, consumer, n) values ($1, $2, $3)`, [
          event.id,
          name,
          (event.data as { n: number }).n,
        ]);
        const attempt = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, attempt);
        // fails after its write, before the commit
        if (fail?.(event, attempt)) throw new Error(`handler failed on ${event.id}`);
      },
    };
  };

  const consumer = async (
    handler: EventHandler,
    groupId = `${schema}.${handler.name}`,
    sessionTimeoutMs?: number,
  ) => {
    const c = new KafkaEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      pool,
      schema,
      handlers: [handler],
      maxAttempts: 3,
      ...(sessionTimeoutMs ? { sessionTimeoutMs } : {}),
    });
    running.push(c);
    await c.start();
    return c;
  };

  /** Waits until the group has committed the end of every partition of the topic. */
  const committedToEnd = async (groupId: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      await eventually(async () => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const at = (partition: number) =>
          committed!.partitions.find((p) => p.partition === partition)?.offset;
        return ends.every((end) => end.high === '0' || at(end.partition) === end.high);
      });
    } finally {
      await admin.disconnect();
    }
  };

  const effects = async (name: string) =>
    (
      await pool.query<{ n: number; copies: number }>(
        `select n, count(*)::int as copies from ${schema}.effects where consumer = $1 group by n order by n`,
        [name],
      )
    ).rows;

  it('applies each event once even when the handler fails after writing and when offsets are replayed', async () => {
    await publish(30);
    const flaky = recordingHandler(
      'projection',
      (event, attempt) => (event.data as { n: number }).n % 10 === 3 && attempt === 1,
    );
    const first = await consumer(flaky);
    await eventually(async () => (await effects('projection')).length === 30);
    expect((await effects('projection')).every((row) => row.copies === 1)).toBe(true);

    // a crash after the database commit but before the offset commit means the broker redelivers: replay it all
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: `${schema}.projection`, topic, earliest: true });
    await admin.disconnect();
    const again = await consumer(recordingHandler('projection'));
    // wait until the replayed group has committed the end of every partition again
    await committedToEnd(`${schema}.projection`);
    expect(await effects('projection')).toEqual(Array.from({ length: 30 }, (_, n) => ({ n, copies: 1 })));
    expect(await again.health()).toEqual({ ok: true });
  });

  it('parks an event that keeps failing, stays unhealthy, and applies it once an operator retries', async () => {
    let broken = true;
    await publish(12);
    const handler = recordingHandler('policy', (event) => broken && (event.data as { n: number }).n === 5);
    const c = await consumer(handler);
    await eventually(async () => (await effects('policy')).length === 11);
    await eventually(async () => (await c.health()).ok === false);
    expect(await c.health()).toEqual({ ok: false, detail: '1 parked event(s)' });
    expect((await effects('policy')).map((r) => r.n)).not.toContain(5);

    broken = false;
    expect(await c.applier.retryParked()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await effects('policy')).toEqual(Array.from({ length: 12 }, (_, n) => ({ n, copies: 1 })));
    expect(await c.health()).toEqual({ ok: true });
  });

  it('shares partitions between instances of one group, each event applied by exactly one of them', async () => {
    const a = await consumer(recordingHandler('shared'));
    const b = await consumer(recordingHandler('shared'));
    await publish(60);
    await eventually(async () => (await effects('shared')).length === 60);
    // every partition committed: no instance has a message left it could apply a second time
    await committedToEnd(`${schema}.shared`);
    expect((await effects('shared')).every((row) => row.copies === 1)).toBe(true);
    expect([await a.health(), await b.health()]).toEqual([{ ok: true }, { ok: true }]);
  });

  it('keeps consuming after a batch outlasted its session and the group evicted it meanwhile', async () => {
    await publish(5);
    const recording = recordingHandler('slow');
    let stalled = false;
    const slow: EventHandler = {
      ...recording,
      handle: async (event, tx) => {
        await recording.handle(event, tx);
        // once, longer than the session: the broker evicts the member before its offset commit
        if (!stalled) {
          stalled = true;
          await new Promise((r) => setTimeout(r, 9_000));
        }
      },
    };
    const c = await consumer(slow, undefined, 6_000);
    await eventually(async () => (await effects('slow')).length === 5, 60_000);
    await publish(5, 'ClaimCertified', 5);
    await eventually(async () => (await effects('slow')).length === 10, 60_000);
    expect(await effects('slow')).toEqual(Array.from({ length: 10 }, (_, n) => ({ n, copies: 1 })));
    expect(await c.health()).toEqual({ ok: true });
  });

  it('parks a message that is not a valid event instead of retrying it forever', async () => {
    await publish(3);
    const producer = kafka.producer();
    await producer.connect();
    const [stored] = await store.readStream('claim-0');
    const valid = toKafkaRecord(fromStoredEvent(stored!, 'reimbursement'));
    await producer.send({
      topic,
      messages: [
        { key: 'claim-0', value: 'not json', headers: { ce_id: 'x' } },
        // every write of it would fail, its parking as an event too
        {
          key: 'claim-0',
          value: '{"n":99}',
          headers: { ...valid.headers, ce_id: randomUUID(), ce_time: 'yesterday' },
        },
      ],
    });
    await producer.disconnect();
    const c = await consumer(recordingHandler('strict'));
    const parked = async () =>
      (await pool.query(`select event_type from ${schema}.dead_letters where consumer = 'strict'`)).rows;
    await eventually(async () => (await parked()).length === 2 && (await effects('strict')).length === 3);
    expect(await parked()).toEqual([{ event_type: 'MalformedMessage' }, { event_type: 'MalformedMessage' }]);
    expect(await effects('strict')).toEqual([0, 1, 2].map((n) => ({ n, copies: 1 })));
    expect((await c.health()).ok).toBe(false);
  });

  it('feeds several handlers through one group: each applies every event once, a failing one parks alone', async () => {
    await publish(20);
    let broken = true;
    const feed = new KafkaEventConsumer({
      kafka,
      groupId: `${schema}.feed`,
      topics: [topic],
      pool,
      schema,
      handlers: [
        recordingHandler('ledger'),
        recordingHandler('aging', (event) => broken && (event.data as { n: number }).n === 7),
      ],
      maxAttempts: 2,
    });
    running.push(feed);
    await feed.start();
    await eventually(
      async () => (await effects('ledger')).length === 20 && (await effects('aging')).length === 19,
    );
    expect(await effects('ledger')).toEqual(Array.from({ length: 20 }, (_, n) => ({ n, copies: 1 })));
    expect((await effects('aging')).map((r) => r.n)).not.toContain(7);
    await eventually(async () => (await feed.health('aging')).ok === false);
    expect(await feed.health('aging')).toEqual({ ok: false, detail: '1 parked event(s)' });
    expect(await feed.health('ledger')).toEqual({ ok: true });
    // the parked event is the failing handler's alone: the group moves past it for both
    await committedToEnd(`${schema}.feed`);

    broken = false;
    expect(await feed.applierOf('aging').retryParked()).toEqual({ retried: 1, stillFailing: 0 });
    expect(await effects('aging')).toEqual(Array.from({ length: 20 }, (_, n) => ({ n, copies: 1 })));
    expect(await feed.health()).toEqual({ ok: true });
    expect(() => feed.applier).toThrow(/feeds several handlers/);
  });
});
