// relay-to-kafka: events/s from our store to a topic through EventRelay.drain() (read a page, publish it
// with the idempotent producer, save the checkpoint), against a plain kafkajs idempotent producer sending
// the very same records (keys, values, headers) in the same 1000-record batches with acks -1 to another
// fresh topic with the same partitions.
import { EventStore, runMigrations, type GlobalCheckpoint } from '@coe/event-store';
import {
  createIdempotentProducer,
  createKafka,
  ensureTopics,
  EventRelay,
  KafkaEventPublisher,
  messagingMigrations,
  toKafkaRecordFromText,
  type KafkaRecord,
} from '@coe/messaging';
import { randomName, settleDatabase } from '../bench-infra';
import { resultOf } from '../bench-results';
import { rounds, timed, type Subject } from '../measure';
import { openOurStore, type OurStore } from '../stores/ours';
import { prefill, readUntilComplete } from './prefill';
import { formatRate, type BenchContext, type Workload } from './workload';

const SERVICE = 'mou-negotiation';
const PARTITIONS = 6;
const RELAY_BATCH = 1000;

/** The records the relay publishes (events as stored: no to-contracts map), in its batches, built as it builds them. */
const recordBatches = async (ours: OurStore): Promise<KafkaRecord[][]> => {
  const batches: KafkaRecord[][] = [];
  let after: GlobalCheckpoint | undefined;
  for (;;) {
    const page = await ours.store.readAllText({ after, limit: RELAY_BATCH });
    if (page.length === 0) return batches;
    batches.push(page.map((event) => toKafkaRecordFromText(event, SERVICE)));
    after = EventStore.checkpointOfText(page.at(-1)!);
  }
};

export const relayWorkload: Workload = {
  id: 'relay',
  async run({ databaseUrl, kafkaBrokers, settings, log }: BenchContext) {
    const total = settings.relayEvents;
    const ours = await openOurStore(databaseUrl, 4);
    const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'coe-bench' });
    const relayTopic = `bench.relay.${randomName('t').replace('_', '-')}`;
    const producerTopic = `bench.producer.${randomName('t').replace('_', '-')}`;
    const publisher = new KafkaEventPublisher(kafka);
    const producer = createIdempotentProducer(kafka);
    try {
      await runMigrations(ours.pool, ours.schema, messagingMigrations);
      await prefill(ours, total, 2);
      await readUntilComplete(ours, total);
      await settleDatabase(databaseUrl, log); // the prefill's dirty buffers, written before any clock starts
      await ensureTopics(kafka, [relayTopic, producerTopic], PARTITIONS);
      const batches = await recordBatches(ours);
      await producer.connect();
      // warm-up: both producers connected, with the topic metadata, before anything is timed
      await publisher.publish(relayTopic, batches[0]!);
      await producer.send({ topic: producerTopic, acks: -1, messages: batches[0]! });
      const subjects: Subject[] = [
        {
          name: 'kafkajs-producer',
          async measure() {
            const { rate } = await timed(async () => {
              let sent = 0;
              for (const messages of batches) {
                await producer.send({ topic: producerTopic, acks: -1, messages });
                sent += messages.length;
              }
              return sent;
            });
            return rate;
          },
        },
        {
          name: 'relay-to-kafka',
          async measure() {
            // a relay with a new name starts from the beginning of the store
            const relay = new EventRelay({
              name: randomName('bench'),
              service: SERVICE,
              store: ours.store,
              pool: ours.pool,
              schema: ours.schema,
              publisher,
              topic: relayTopic,
              batchSize: RELAY_BATCH,
            });
            const { rate, units } = await timed(() => relay.drain());
            if (units !== total) throw new Error(`the relay published ${units} events, expected ${total}`);
            return rate;
          },
        },
      ];
      const samples = await rounds(subjects, settings.rounds, (name, round, rate) =>
        log(`relay-to-kafka round ${round + 1}: ${name} ${formatRate(rate)}`),
      );
      return [
        resultOf({
          name: 'relay-to-kafka',
          unit: 'events/s',
          baseline: 'kafkajs-producer',
          samples: samples.get('relay-to-kafka')!,
          baselineSamples: samples.get('kafkajs-producer')!,
        }),
      ];
    } finally {
      await producer.disconnect().catch(() => undefined);
      await publisher.close();
      await deleteTopics(kafka, [relayTopic, producerTopic]).catch((error: Error) =>
        log(`could not delete the bench topics: ${error.message}`),
      );
      await ours.close();
    }
  },
};

const deleteTopics = async (kafka: ReturnType<typeof createKafka>, topics: string[]): Promise<void> => {
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
