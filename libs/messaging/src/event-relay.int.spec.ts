import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore, runMigrations, type EventMetadata } from '@coe/event-store';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { randomTopic, readTopic, testBrokers, type ReadMessage } from '../../../test/support/kafka';
import { PrivateKafka } from '../../../test/support/private-kafka';
import { EventPublisher, KafkaEventPublisher } from './event-publisher';
import type { KafkaRecord } from './integration-events';
import { EventRelay } from './event-relay';
import { createKafka, ensureTopics } from './kafka';
import { messagingMigrations } from './messaging.migrations';

const metadata: EventMetadata = { actor: { sub: 'clerk', roles: ['mou-clerk'] } };

/** Per key, after dropping redeliveries of an id already seen, versions must run 1, 2, 3 … */
const expectPerKeyOrder = (messages: ReadMessage[]) => {
  const byKey = new Map<string, string[]>();
  const idOf = new Map<string, string>();
  for (const m of messages) {
    const key = m.key!.toString();
    const version = m.headersText.coe_streamversion!;
    const id = m.headersText.ce_id!;
    // a duplicate only ever carries the id of the original
    const seenId = idOf.get(`${key}@${version}`);
    if (seenId !== undefined) {
      expect(id).toBe(seenId);
      continue;
    }
    idOf.set(`${key}@${version}`, id);
    byKey.set(key, [...(byKey.get(key) ?? []), version]);
  }
  for (const versions of byKey.values()) expect(versions).toEqual(versions.map((_, i) => String(i + 1)));
  return byKey;
};

describe('EventRelay', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeEach(async () => {
    pool = testPool(6);
    schema = randomSchema('relay');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await runMigrations(pool, schema, messagingMigrations);
  });
  afterEach(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('publishes committed events keyed by stream with CloudEvents headers, in stream order', async () => {
    const brokers = testBrokers();
    const kafka = createKafka({ brokers, clientId: 'relay-test' });
    const topic = randomTopic('coe');
    await ensureTopics(kafka, [topic], 3);
    const publisher = new KafkaEventPublisher(kafka);
    const relay = new EventRelay({
      name: 'kafka',
      service: 'mou-negotiation',
      store,
      pool,
      schema,
      publisher,
      topic,
    });
    const signedOn = '2019-03-14';
    const first = await store.append(
      'mou-DOS/MINUSMA/BGD/03',
      [{ type: 'MouDrafted', data: { mission: 'MINUSMA' } }],
      { metadata },
    );
    await store.append(
      'mou-DOS/MINUSMA/BGD/03',
      [{ type: 'MouSigned', data: { party: 'un' }, effectiveOn: signedOn }],
      { metadata },
    );
    for (let i = 0; i < 20; i++)
      await store.append(`mou-${i % 4}`, [{ type: 'Noted', data: { i } }], { metadata });
    relay.start();
    try {
      const messages = await readTopic(brokers, topic, 22);
      expect(messages).toHaveLength(22);
      expectPerKeyOrder(messages);
      const signed = messages.find((m) => m.headersText.ce_type === 'MouSigned')!;
      const [stored] = await store
        .readStream('mou-DOS/MINUSMA/BGD/03', { toVersion: 2 })
        .then((e) => e.slice(1));
      expect(signed.key!.toString()).toBe('mou-DOS/MINUSMA/BGD/03');
      expect(JSON.parse(signed.value!.toString())).toEqual({ party: 'un' });
      expect(signed.headersText).toEqual({
        ce_specversion: '1.0',
        ce_id: stored!.eventId,
        ce_type: 'MouSigned',
        ce_source: '/coe/mou-negotiation',
        ce_time: stored!.recordedAt.toISOString(),
        ce_subject: 'mou-DOS/MINUSMA/BGD/03',
        'content-type': 'application/json',
        coe_streamversion: '2',
        coe_globalposition: stored!.globalPosition.toString(),
        coe_transactionid: stored!.transactionId.toString(),
        coe_effectiveon: signedOn,
        coe_hash: stored!.hash,
      });
      expect(
        messages.find((m) => m.headersText.ce_type === 'MouDrafted')!.headersText.coe_effectiveon,
      ).toBeUndefined();
      expect(first.nextExpectedVersion).toBe(1n);
    } finally {
      await relay.stop();
      await publisher.close();
    }
  });

  it('reads the next page while publishing one, and re-reads it after a failed publish', async () => {
    // A publisher that refuses its second batch once: the page read ahead must not be skipped or reused.
    class FlakyPublisher extends EventPublisher {
      readonly published: number[] = [];
      private calls = 0;
      async publish(_topic: string, records: KafkaRecord[]): Promise<void> {
        if (++this.calls === 2) throw new Error('broker unavailable');
        this.published.push(...records.map((r) => JSON.parse(String(r.value)).i as number));
      }
      async close(): Promise<void> {}
    }
    const publisher = new FlakyPublisher();
    const relay = new EventRelay({
      name: 'paged',
      service: 'reimbursement',
      store,
      pool,
      schema,
      publisher,
      topic: 'unused',
      batchSize: 3,
    });
    for (let i = 0; i < 10; i++)
      await store.append(`claim-${i % 3}`, [{ type: 'ClaimDrafted', data: { i } }], { metadata });
    await expect(relay.drain()).rejects.toThrow('broker unavailable');
    for (let i = 10; i < 12; i++)
      await store.append(`claim-${i % 3}`, [{ type: 'ClaimDrafted', data: { i } }], { metadata });
    expect(await relay.drain()).toBe(9);
    expect(publisher.published).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('resumes from its checkpoint after a restart without republishing', async () => {
    const brokers = testBrokers();
    const kafka = createKafka({ brokers, clientId: 'relay-test' });
    const topic = randomTopic('coe');
    await ensureTopics(kafka, [topic], 1);
    const publisher = new KafkaEventPublisher(kafka);
    const relay = () =>
      new EventRelay({ name: 'kafka', service: 'reimbursement', store, pool, schema, publisher, topic });
    for (let i = 0; i < 5; i++)
      await store.append(`claim-${i}`, [{ type: 'ClaimDrafted', data: { i } }], { metadata });
    expect(await relay().drain()).toBe(5);
    for (let i = 5; i < 8; i++)
      await store.append(`claim-${i}`, [{ type: 'ClaimDrafted', data: { i } }], { metadata });
    expect(await relay().drain()).toBe(3);
    const messages = await readTopic(brokers, topic, 8, 10_000);
    expect(messages.map((m) => JSON.parse(m.value!.toString()).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await publisher.close();
  });

  it('loses nothing and reorders nothing when the broker dies while appends continue', async () => {
    const broker = new PrivateKafka(19192 + Math.floor(Math.random() * 300) * 2);
    await broker.start();
    const kafka = createKafka({ brokers: broker.brokers, clientId: 'outage-test' });
    const topic = randomTopic('coe');
    await ensureTopics(kafka, [topic], 3);
    const publisher = new KafkaEventPublisher(kafka);
    const relay = new EventRelay({
      name: 'kafka',
      service: 'force-generation',
      store,
      pool,
      schema,
      publisher,
      topic,
      maxBackoffMs: 1000,
    });
    relay.start();
    const streams = Array.from({ length: 10 }, () => `unit-${randomUUID()}`);
    let appended = 0;
    const appendFor = async (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        await store.append(
          streams[appended % streams.length]!,
          [{ type: 'UnitNoted', data: { n: appended } }],
          { metadata },
        );
        appended++;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      await appendFor(1500);
      await broker.kill();
      await appendFor(3000); // the broker is down: appends must still succeed
      while (relay.status().lastError === null) await appendFor(500); // until the relay has noticed
      await broker.start();
      await appendFor(1000);
      const deadline = Date.now() + 60_000;
      while (relay.status().published < appended && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      // after the outage the relay may have published some events twice: read until every id is in
      const messages = await readTopic(broker.brokers, topic, appended, 30_000, 'distinct ids');
      const ids = new Set(messages.map((m) => m.headersText.ce_id));
      expect(ids.size).toBe(appended);
      const byKey = expectPerKeyOrder(messages);
      expect([...byKey.values()].reduce((n, v) => n + v.length, 0)).toBe(appended);
    } finally {
      await relay.stop();
      await publisher.close();
      await broker.destroy();
    }
  }, 240_000);
});
