// Proves the endpoints test/global-setup.ts hands to the integration tests work: PostgreSQL answers a
// query in its dedicated database, and Kafka carries a message from a producer to a consumer group.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';

describe('integration infrastructure', () => {
  it('provides DATABASE_URL and KAFKA_BROKERS', () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    expect(process.env.KAFKA_BROKERS).toMatch(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/);
  });

  it('connects to PostgreSQL', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number; db: string }>(
        'select 1 as one, current_database() as db',
      );
      expect(rows[0]?.one).toBe(1);
      // global setup moves tests off the server's default database (to coe_test) when it may
      expect(rows[0]?.db).toBe(decodeURIComponent(new URL(process.env.DATABASE_URL ?? '').pathname.slice(1)));
    } finally {
      await client.end();
    }
  });

  it('round-trips a message through Kafka', async () => {
    const kafka = new Kafka({
      clientId: 'infra-e2e',
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      logLevel: logLevel.WARN,
    });
    const topic = `infra-e2e-${randomUUID()}`;
    const admin = kafka.admin();
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      const received = new Promise<{ key: string; value: string; header: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              header: message.headers?.['ce_id']?.toString() ?? '',
            }),
        });
      });
      await joined;
      await producer.connect();
      const id = randomUUID();
      await producer.send({
        topic,
        messages: [{ key: 'stream-1', value: JSON.stringify({ hello: 'world' }), headers: { ce_id: id } }],
      });
      await expect(received).resolves.toEqual({ key: 'stream-1', value: '{"hello":"world"}', header: id });
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 60_000);
});
