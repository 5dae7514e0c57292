import type { Kafka, Producer } from 'kafkajs';
import type { KafkaRecord } from './integration-events';
import { createIdempotentProducer } from './kafka';

/** Where a relay sends records; Kafka in distributed mode, anything else in tests. */
export abstract class EventPublisher {
  abstract publish(topic: string, records: KafkaRecord[]): Promise<void>;
  abstract close(): Promise<void>;
}

export class KafkaEventPublisher extends EventPublisher {
  private producer: Producer | null = null;

  /** A send that neither succeeds nor fails within this time counts as failed (kafkajs can hang on a dead broker). */
  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 15_000,
  ) {
    super();
  }

  async publish(topic: string, records: KafkaRecord[]): Promise<void> {
    let producer: Producer | null = null;
    try {
      producer = await withTimeout(this.connected(), this.timeoutMs, 'connecting the producer');
      await withTimeout(producer.send({ topic, acks: -1, messages: records }), this.timeoutMs, 'sending');
    } catch (error) {
      // start from a fresh producer (and producer id) after a failure: the broker may have restarted
      const failed = producer ?? this.producer;
      this.producer = null;
      void failed?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await withTimeout(producer?.disconnect() ?? Promise.resolve(), 5000, 'disconnecting').catch(
      () => undefined,
    );
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = createIdempotentProducer(this.kafka);
    await producer.connect();
    this.producer = producer;
    return producer;
  }
}

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka: ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
