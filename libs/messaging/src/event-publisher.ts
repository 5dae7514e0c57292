import type { Kafka, Producer } from 'kafkajs';
import type { KafkaRecord } from './integration-events';
import { createIdempotentProducer } from './kafka';

/** Where a relay sends records; Kafka in distributed mode, anything else in tests. */
export abstract class EventPublisher {
  abstract publish(topic: string, records: KafkaRecord[]): Promise<void>;
  abstract close(): Promise<void>;
}

export class KafkaEventPublisher extends EventPublisher {
  /**
   * One producer, shared by every relay of the process, connected once: two relays publishing at the
   * same moment each created and connected a producer of their own, and only one was ever closed (its
   * connections kept a test run, and a stopped service, alive; issue 17).
   */
  private current: { producer: Producer; ready: Promise<Producer> } | null = null;

  /** A send that neither succeeds nor fails within this time counts as failed (kafkajs can hang on a dead broker). */
  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 15_000,
  ) {
    super();
  }

  async publish(topic: string, records: KafkaRecord[]): Promise<void> {
    const current = this.connected();
    try {
      const producer = await withTimeout(current.ready, this.timeoutMs, 'connecting the producer');
      await withTimeout(producer.send({ topic, acks: -1, messages: records }), this.timeoutMs, 'sending');
    } catch (error) {
      // start from a fresh producer (and producer id) after a failure: the broker may have restarted
      if (this.current === current) this.current = null;
      void current.producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    await withTimeout(current?.producer.disconnect() ?? Promise.resolve(), 5000, 'disconnecting').catch(
      () => undefined,
    );
  }

  private connected(): { producer: Producer; ready: Promise<Producer> } {
    if (!this.current) {
      const producer = createIdempotentProducer(this.kafka);
      const ready = producer.connect().then(() => producer);
      ready.catch(() => undefined); // the caller that awaits it sees the error
      this.current = { producer, ready };
    }
    return this.current;
  }
}

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka: ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
