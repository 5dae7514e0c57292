import type { IntegrationEvent } from '@coe/contracts';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import type { EventHandler } from './event-handler';
import { ExactlyOnceApplier } from './exactly-once';
import { fromKafkaRecord, MalformedMessageError } from './integration-events';

export type KafkaEventConsumerOptions = {
  kafka: Kafka;
  /** Consumer group id; several instances with the same id share the partitions. */
  groupId: string;
  topics: string[];
  pool: Pool;
  schema: string;
  handler: EventHandler;
  maxAttempts?: number;
  /** The group evicts a member it has not heard from for this long (default 30 s; the broker's minimum is 6 s). */
  sessionTimeoutMs?: number;
  log?: (message: string) => void;
};

/**
 * Reads topics in a consumer group and applies each batch exactly once through ExactlyOnceApplier; offsets
 * are committed only after the batch's transaction committed, so a crash replays (and dedupes) instead of
 * losing. A message that is not a valid event is parked like a failing one, never retried forever.
 */
export class KafkaEventConsumer {
  private consumer: Consumer | null = null;
  private crashed: string | null = null;
  readonly applier: ExactlyOnceApplier;

  constructor(private readonly options: KafkaEventConsumerOptions) {
    this.applier = new ExactlyOnceApplier({
      pool: options.pool,
      schema: options.schema,
      handler: options.handler,
      maxAttempts: options.maxAttempts ?? 3,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  get name(): string {
    return this.options.handler.name;
  }

  /** Resolves once the consumer joined its group (so tests can produce right after). */
  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        this.crashed = null; // kafkajs restarted it after a retriable crash
        resolve();
      }),
    );
    consumer.on(consumer.events.CRASH, (event) => {
      this.crashed = String(event.payload.error?.message ?? 'crashed');
      this.options.log?.(`consumer ${this.options.groupId} crashed: ${this.crashed}`);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        const events: IntegrationEvent[] = [];
        const malformed: { message: KafkaMessage; error: Error }[] = [];
        for (const message of batch.messages) {
          try {
            events.push(fromKafkaRecord(message));
          } catch (error) {
            if (!(error instanceof MalformedMessageError) && !(error instanceof SyntaxError)) throw error;
            malformed.push({ message, error: error as Error });
          }
        }
        // stopping, or seeked elsewhere: kafkajs fetches again from the new position (heartbeats too)
        if (!isRunning() || isStale()) return;
        for (const { message, error } of malformed)
          await this.parkMalformed(batch.topic, batch.partition, message, error);
        await this.applier.applyBatch(events, undefined, heartbeat);
        const last = batch.messages.at(-1);
        if (last) {
          resolveOffset(last.offset);
          // Through the batch's own commit, not consumer.commitOffsets: that one's retrier wraps an
          // eviction's UNKNOWN_MEMBER_ID as non-retriable, which stopped the consumer for good instead of
          // re-joining. A committed offset is the next one to read.
          const offset = (BigInt(last.offset) + 1n).toString();
          await commitOffsetsIfNecessary({
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
          });
        }
        await heartbeat();
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
  }

  /** Healthy while running and nothing is parked. */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.crashed) return { ok: false, detail: `crashed: ${this.crashed}` };
    const parked = await this.applier.parkedCount();
    return parked > 0 ? { ok: false, detail: `${parked} parked event(s)` } : { ok: true };
  }

  private async parkMalformed(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: Error,
  ): Promise<void> {
    this.options.log?.(`parking malformed message ${topic}/${partition}@${message.offset}: ${error.message}`);
    await this.options.pool.query(
      `insert into ${this.options.schema}.dead_letters (consumer, event_id, event_type, stream_id, event, error, attempts)
       values ($1, gen_random_uuid(), 'MalformedMessage', $2, $3, $4, 1)`,
      [
        this.name,
        message.key?.toString() ?? '',
        JSON.stringify({
          topic,
          partition,
          offset: message.offset,
          value: message.value?.toString('base64') ?? null,
        }),
        error.message,
      ],
    );
  }
}
