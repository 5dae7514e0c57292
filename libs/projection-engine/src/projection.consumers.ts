import { topicFor, type ServiceName } from '@coe/contracts';
import type { EventStore } from '@coe/event-store';
import {
  createKafka,
  type EventHandler,
  InProcessDelivery,
  type KafkaAdmin,
  type KafkaClient,
  KafkaEventConsumer,
  type MessagingRuntime,
} from '@coe/messaging';
import type { PlatformConfig } from '@coe/platform';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { inProcessLag, kafkaLag, type Lag, type LagQuestion } from './projection.lag';

export type ProjectionTransport = 'in-process' | 'kafka' | 'none';

type Started = {
  stop(): Promise<void>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  retry(): Promise<{ retried: number; stillFailing: number }>;
};

/**
 * The consumers a rebuild starts after the app is up (the messaging runtime only starts what was
 * registered at boot), on the transport the runtime uses: in-process when the source stores run in this
 * process, Kafka (a fresh consumer group, so from the beginning of the topics) otherwise.
 */
export class ProjectionConsumers {
  private readonly logger = new Logger('Projections');
  private readonly started = new Map<string, Started>();
  private kafka: KafkaClient | null = null;
  private admin: Promise<KafkaAdmin> | null = null;
  /** Set by stopAll: nothing connects to the broker any more (a check pass still running at shutdown). */
  private stopped = false;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly config: PlatformConfig,
  ) {}

  transportFor(sources: readonly ServiceName[]): ProjectionTransport {
    const transport = this.runtime.transport;
    if (transport === 'in-process') {
      const stores = this.stores();
      return sources.every((s) => stores.has(s)) ? 'in-process' : 'none';
    }
    return transport === 'kafka' && this.config.kafka.brokers.length > 0 ? 'kafka' : 'none';
  }

  async start(handler: EventHandler, sources: readonly ServiceName[]): Promise<void> {
    if (this.stopped) throw new Error('Projection consumers are stopping');
    const log = (message: string) => this.logger.warn(message);
    const transport = this.transportFor(sources);
    if (transport === 'in-process') {
      const stores = this.stores();
      const delivery = new InProcessDelivery({
        pool: this.pool,
        schema: this.schema,
        handler,
        sources: sources.map((service) => ({ service, store: stores.get(service)! })),
        log,
      });
      delivery.start();
      this.started.set(handler.name, {
        stop: () => delivery.stop(),
        health: () => delivery.health(),
        retry: () => delivery.applier.retryParked(),
      });
    } else if (transport === 'kafka') {
      const prefix = this.config.kafka.topicPrefix;
      const consumer = new KafkaEventConsumer({
        kafka: this.client(),
        groupId: `${prefix}.${handler.name}`,
        topics: sources.map((s) => topicFor(prefix, s)),
        pool: this.pool,
        schema: this.schema,
        handlers: [handler],
        log,
      });
      await consumer.start();
      this.started.set(handler.name, {
        stop: () => consumer.stop(),
        health: () => consumer.health(),
        retry: () => consumer.applier.retryParked(),
      });
    } else {
      throw new Error(`No transport reaches ${sources.join(', ')} from this process`);
    }
  }

  /** Problems of the consumers started here (the runtime reports its own). */
  async problems(): Promise<string[]> {
    const checks = await Promise.all(
      [...this.started].map(async ([name, c]) => ({ name, health: await c.health() })),
    );
    return checks.filter((c) => !c.health.ok).map((c) => `${c.name}: ${c.health.detail ?? 'failing'}`);
  }

  /** Retries the parked events of a consumer, whoever started it. */
  async retryParked(consumer: string): Promise<{ retried: number; stillFailing: number }> {
    const mine = this.started.get(consumer);
    if (mine) return mine.retry();
    return (await this.runtime.retryParked(consumer)) ?? { retried: 0, stillFailing: 0 };
  }

  async lag(question: LagQuestion): Promise<Lag | null> {
    switch (this.transportFor(question.sources)) {
      case 'in-process':
        return inProcessLag(this.pool, this.schema, this.stores()).lag(question);
      case 'kafka':
        return kafkaLag(
          this.pool,
          this.schema,
          () => this.connectedAdmin(),
          this.config.kafka.topicPrefix,
        ).lag(question);
      case 'none':
        return null;
    }
  }

  /** Stops one consumer started here (a finished replay's); nothing when it is not running here. */
  async stop(name: string): Promise<void> {
    const consumer = this.started.get(name);
    this.started.delete(name);
    await consumer?.stop();
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    const started = [...this.started.values()];
    this.started.clear();
    await Promise.all(started.map((c) => c.stop()));
    const admin = this.admin;
    this.admin = null;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private stores(): Map<ServiceName, EventStore> {
    return new Map(this.runtime.storesInProcess().map(({ service, store }) => [service, store]));
  }

  private client(): KafkaClient {
    return (this.kafka ??= createKafka({
      brokers: this.config.kafka.brokers,
      clientId: 'projections-rebuild',
    }));
  }

  // A lag check that ran on after stopAll opened a new admin nobody closed: its two connections to the
  // broker kept the test process (and a shutting-down service) alive (issue 17).
  private connectedAdmin(): Promise<KafkaAdmin> {
    if (this.stopped) return Promise.reject(new Error('Projection consumers are stopping'));
    if (!this.admin) {
      const admin = this.client().admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => (this.admin = null));
    }
    return this.admin;
  }
}
