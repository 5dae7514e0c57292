import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { runMigrations } from '@coe/event-store';
import {
  createKafka,
  ensureTopics,
  KafkaEventConsumer,
  MessagingModule,
  messagingMigrations,
} from '@coe/messaging';
import { buildHttpApp, parseConfig } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import request from 'supertest';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from '../services/projections/src/projections.module';
import { freePort } from './support/app-process';
import { dropSchema, randomSchema, testPool } from './support/database';
import { randomTopic, testBrokers } from './support/kafka';

// Issue 17: on a fresh topic prefix a service exited on UNKNOWN_TOPIC_OR_PARTITION (retriable) while the
// topics were being created by another service, and the launcher stopped the others. Against the real
// broker: a start meeting a retriable broker error waits, says what it waits for, and gets there.

const eventually = async <T>(check: () => Promise<T | false>, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('a Kafka consumer started before its topic exists', () => {
  let pool: Pool;
  let schema: string;
  let kafka: Kafka;
  let consumer: KafkaEventConsumer | undefined;

  beforeEach(async () => {
    pool = testPool(4);
    schema = randomSchema('kstart');
    await runMigrations(pool, schema, messagingMigrations);
    kafka = createKafka({ brokers: testBrokers(), clientId: 'kafka-start-test' });
  });
  afterEach(async () => {
    await consumer?.stop();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('waits, says it waits for the topic, and joins once another process created it', async () => {
    const topic = randomTopic('late');
    consumer = new KafkaEventConsumer({
      kafka,
      groupId: `${schema}.late`,
      topics: [topic],
      pool,
      schema,
      handlers: [{ name: 'late', handle: async () => undefined }],
    });
    const started = consumer.start();
    const outcome = started.then(
      () => 'joined',
      (error: unknown) => `failed: ${String(error)}`,
    );

    const waiting = await eventually(async () => {
      const health = await consumer!.health();
      return health.detail?.startsWith('waiting for Kafka') ? health : false;
    });
    expect(waiting).toEqual({
      ok: false,
      detail: expect.stringContaining('This server does not host this topic-partition'),
    });
    await ensureTopics(kafka, [topic], 2);

    expect(await outcome).toBe('joined');
    expect(await consumer.health()).toEqual({ ok: true });
  });
});

describe('a service started while the broker does not answer yet', () => {
  let app: NestExpressApplication | undefined;
  let proxy: Server | undefined;
  const sockets = new Set<Socket>();

  afterEach(async () => {
    await app?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  });

  /** The real broker on `port` from now on (Kafka's metadata then sends clients to its own address). */
  const brokerAppearsOn = (port: number) =>
    new Promise<void>((resolve) => {
      const [host, brokerPort] = testBrokers()[0]!.split(':');
      proxy = createServer((client) => {
        const upstream = connect(Number(brokerPort), host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      proxy.listen(port, '127.0.0.1', resolve);
    });

  it('serves, reports on /health what it waits for, and becomes ready once the broker answers', async () => {
    const port = await freePort();
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'kafka-start-test-secret-0123456789',
        KAFKA_BROKERS: `127.0.0.1:${port}`,
        KAFKA_TOPIC_PREFIX: `late-${randomBytes(4).toString('hex')}`,
        KAFKA_PARTITIONS: '1',
      },
      { defaultPort: 0 },
    );
    const pool = testPool(4);
    try {
      app = await buildHttpApp(
        [MessagingModule.forRoot(config, 'kafka', 'projections'), ProjectionsModule.register({ config })],
        { config, database: { pool }, openApi: PROJECTIONS_OPENAPI, logger: false },
      );

      const unready = await request(app.getHttpServer()).get('/health');
      expect(unready.status).toBe(503);
      expect(unready.body.checks.messaging).toEqual({
        ok: false,
        detail: expect.stringMatching(/^waiting for Kafka \(creating topics\): /),
      });

      await brokerAppearsOn(port);
      const ready = await eventually(async () => {
        const response = await request(app!.getHttpServer()).get('/health');
        return response.status === 200 ? response : false;
      });
      expect(ready.body.checks.messaging).toEqual({ ok: true });
    } finally {
      await app?.close();
      app = undefined;
      await pool.end();
    }
  });
});
