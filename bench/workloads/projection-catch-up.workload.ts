// projection-catch-up: events/s of the projections service rebuilding its read models from Kafka. The
// source stores (fresh schemas) are prefilled with a realistic history of the public contract events and
// published by EventRelay to fresh topics (untimed); then the ProjectionsModule runs in a Nest app with
// the Kafka transport on a fresh topic prefix and projections schema. Untimed: creating the app (what
// buildHttpApp does before `init()`) and its schema (migrations, version 1's tables). The clock starts
// at `app.init()`, which starts the projection consumers (their connect and group joins included; what
// else runs there is idempotent: migrations and tables already there, topics already created), and
// stops when every projection consumer group has committed the end of every partition of its sources
// (asked of Kafka every 20 ms: counting the processed ids in PostgreSQL at that pace took a quarter of
// the database's CPU from the subject) and no sums over recorded time wait for their refresh (batches
// catching up leave them to one pass once caught up); that every event was applied is checked after the clock stops,
// and closing the app is untimed. Baseline `kafkajs-consumer`: a plain kafkajs consumer (fresh group, fromBeginning, eachBatch
// only counting) reading the same topics, from connect until it has counted them all (its disconnect
// untimed).
import { topicFor } from '@coe/contracts';
import {
  createKafka,
  ensureTopics,
  EventRelay,
  KafkaEventPublisher,
  MessagingModule,
  messagingMigrations,
  serviceSchema,
} from '@coe/messaging';
import { runMigrations } from '@coe/event-store';
import { configureHttpApp, httpAppModule, parseConfig } from '@coe/platform';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import {
  consumerName,
  definitionNamed,
  pendingKnownSums,
  projectionMigrations,
  ProjectionVersions,
} from '@coe/projection-engine';
import { PROJECTIONS } from '../../services/projections/src/projection/projection.registry';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from '../../services/projections/src/projections.module';
import { createPool, dropSchema, randomName } from '../bench-infra';
import { resultOf } from '../bench-results';
import { rounds, timed, type Subject } from '../measure';
import { openSourceStores, prefillHistory, SOURCES, type Source } from '../stores/report-history';
import { formatRate, type BenchContext, type Workload } from './workload';

const PARTITIONS = 3;
const POLL_MS = 20;
const TIMEOUT_MS = 300_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const projectionCatchUpWorkload: Workload = {
  id: 'projection-catch-up',
  async run({ databaseUrl, kafkaBrokers, settings, log }: BenchContext) {
    const target = settings.relayEvents; // quick 20k, full 100k
    const pool = createPool(databaseUrl, 6);
    const sourcePrefix = `${randomName('bcs')}_`;
    const schemas = SOURCES.map((s) => serviceSchema(s, sourcePrefix));
    const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'coe-bench' });
    const publisher = new KafkaEventPublisher(kafka);
    const topics: string[] = [];
    try {
      const stores = await openSourceStores(pool, sourcePrefix);
      const counts = await prefillHistory(stores, target, 4);
      const total = counts['mou-negotiation'] + counts.reimbursement;
      log(`projection-catch-up: prefilled ${total} events (${JSON.stringify(counts)})`);
      for (const schema of schemas) await runMigrations(pool, schema, messagingMigrations);

      // each round: a fresh topic prefix (so the projections' consumer groups are fresh), published untimed
      const published = new Map<number, Promise<string>>();
      const topicPrefixFor = (round: number): Promise<string> => {
        if (!published.has(round))
          published.set(
            round,
            (async () => {
              const prefix = `bench.${randomName('pc')}`;
              const roundTopics = SOURCES.map((s) => topicFor(prefix, s));
              topics.push(...roundTopics);
              await ensureTopics(kafka, roundTopics, PARTITIONS);
              for (const service of SOURCES) {
                const relay = new EventRelay({
                  name: randomName('bench'),
                  service,
                  store: stores[service],
                  pool,
                  schema: serviceSchema(service, sourcePrefix),
                  publisher,
                  topic: topicFor(prefix, service),
                  batchSize: 1000,
                });
                const sent = await relay.drain();
                if (sent !== counts[service])
                  throw new Error(`relayed ${sent} ${service} events, expected ${counts[service]}`);
              }
              return prefix;
            })(),
          );
        return published.get(round)!;
      };

      const subjects: Subject[] = [
        {
          name: 'kafkajs-consumer',
          async measure(round) {
            const prefix = await topicPrefixFor(round);
            const consumer = kafka.consumer({ groupId: `${prefix}.${randomName('baseline')}` });
            let seen = 0;
            let done: () => void = () => undefined;
            const finished = new Promise<void>((resolve) => (done = resolve));
            try {
              const { rate } = await timed(async () => {
                await consumer.connect();
                await consumer.subscribe({
                  topics: SOURCES.map((s) => topicFor(prefix, s)),
                  fromBeginning: true,
                });
                await consumer.run({
                  eachBatch: async ({ batch }) => {
                    seen += batch.messages.length;
                    if (seen >= total) done();
                  },
                });
                await Promise.race([
                  finished,
                  sleep(TIMEOUT_MS).then(() => {
                    throw new Error(`kafkajs consumer saw ${seen} of ${total}`);
                  }),
                ]);
                return total;
              });
              return rate;
            } finally {
              await consumer.disconnect().catch(() => undefined);
            }
          },
        },
        {
          name: 'projection-catch-up',
          async measure(round) {
            const prefix = await topicPrefixFor(round);
            const schemaPrefix = `${randomName('bcp')}_`;
            try {
              return await catchUp(pool, databaseUrl, kafkaBrokers, prefix, schemaPrefix, counts);
            } finally {
              await dropSchema(pool, serviceSchema('projections', schemaPrefix));
            }
          },
        },
      ];
      const samples = await rounds(subjects, settings.rounds, (name, round, rate) =>
        log(`projection-catch-up round ${round + 1}: ${name} ${formatRate(rate)}`),
      );
      return [
        resultOf({
          name: 'projection-catch-up',
          unit: 'events/s',
          baseline: 'kafkajs-consumer',
          samples: samples.get('projection-catch-up')!,
          baselineSamples: samples.get('kafkajs-consumer')!,
        }),
      ];
    } finally {
      await publisher.close().catch(() => undefined);
      await deleteTopics(kafka, topics).catch((error: Error) =>
        log(`could not delete the bench topics: ${error.message}`),
      );
      for (const schema of schemas) await dropSchema(pool, schema).catch(() => undefined);
      await pool.end();
    }
  },
};

/** Starts the projections (Kafka transport) on a prepared schema; events/s until all are applied. */
const catchUp = async (
  pool: Pool,
  databaseUrl: string,
  kafkaBrokers: string[],
  topicPrefix: string,
  schemaPrefix: string,
  counts: Record<Source, number>,
): Promise<number> => {
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-secret-0123456789abcdef0123',
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: String(PARTITIONS),
    },
    { defaultPort: 0 },
  );
  const schema = serviceSchema('projections', schemaPrefix);
  await runMigrations(pool, schema, [...messagingMigrations, ...projectionMigrations]);
  const versions = new ProjectionVersions(pool, schema);
  await versions.ensureInitial(PROJECTIONS);
  const live = (await versions.list()).filter((v) => v.status === 'active' || v.status === 'building');
  const consumers = live.map((v) => ({
    consumer: consumerName(v.projection, v.version),
    expected: definitionNamed(PROJECTIONS, v.projection).sources.reduce(
      (sum, s) => sum + (counts[s as Source] ?? 0),
      0,
    ),
  }));
  if (consumers.length === 0) throw new Error('no projection consumers to run');
  // the Kafka groups the versions read through (a feed's, or their own) and the topics' ends
  const groups = new Map<string, string[]>();
  for (const v of live)
    groups.set(
      `${topicPrefix}.${v.feed ?? consumerName(v.projection, v.version)}`,
      definitionNamed(PROJECTIONS, v.projection).sources.map((s) => topicFor(topicPrefix, s)),
    );
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'coe-bench-progress' });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, { partition: number; high: string }[]>();
  for (const topic of new Set([...groups.values()].flat()))
    ends.set(topic, await admin.fetchTopicOffsets(topic));
  // done once every group committed the end of every partition (offsets are committed after the
  // transaction of the batch commits, so every event is applied by then: checked after the clock stops)
  // and the sums over recorded time that batches catching up left pending are refreshed
  const committedToEnd = async (): Promise<boolean> => {
    for (const [groupId, topics] of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        const at = (partition: number) => partitions.find((p) => p.partition === partition)?.offset;
        if (!ends.get(topic)!.every((end) => end.high === '0' || at(end.partition) === end.high))
          return false;
      }
    }
    return true;
  };
  // buildHttpApp without its init(), which is timed
  const app = await NestFactory.create<NestExpressApplication>(
    httpAppModule(
      [
        MessagingModule.forRoot(config, 'kafka', 'bench'),
        ProjectionsModule.register({ config, schemaPrefix, projections: { switchCheckMs: 50 } }),
      ],
      { config, database: { pool } },
    ),
    { bodyParser: false, logger: false, abortOnError: false },
  ).catch(async (error: Error) => {
    await admin.disconnect();
    throw error;
  });
  try {
    configureHttpApp(app, PROJECTIONS_OPENAPI);
    const { rate } = await timed(async () => {
      await app.init();
      const deadline = Date.now() + TIMEOUT_MS;
      while (!(await committedToEnd()) || (await pendingKnownSums(pool, schema)).length > 0) {
        if (Date.now() > deadline) throw new Error(`still behind: ${[...groups.keys()].join(', ')}`);
        await sleep(POLL_MS);
      }
      return counts['mou-negotiation'] + counts.reimbursement;
    });
    const { rows } = await pool.query<{ consumer: string; n: number }>(
      `select consumer, sum(events)::int as n from ${schema}.consumer_positions group by consumer`,
    );
    const short = consumers.filter((c) => rows.find((r) => r.consumer === c.consumer)?.n !== c.expected);
    if (short.length > 0)
      throw new Error(`offsets at the end but events missing: ${short.map((c) => c.consumer).join(', ')}`);
    return rate;
  } finally {
    await app.close();
    await admin.disconnect();
  }
};

const deleteTopics = async (kafka: ReturnType<typeof createKafka>, topics: string[]): Promise<void> => {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
};
