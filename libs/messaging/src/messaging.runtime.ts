import { topicFor, type ServiceName } from '@coe/contracts';
import { runMigrations, type AggregateDescriptor, type EventStore } from '@coe/event-store';
import { HealthRegistry, InjectPool } from '@coe/platform';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { EventHandler } from './event-handler';
import { KafkaEventPublisher } from './event-publisher';
import { EventRelay } from './event-relay';
import { InProcessDelivery } from './in-process-delivery';
import { createKafka, ensureTopics } from './kafka';
import { retryAtStart } from './kafka-start';
import { KafkaEventConsumer } from './kafka-event-consumer';
import { messagingMigrations } from './messaging.migrations';
import type { PublishedEventOf } from './to-contracts';

/** `none`: stores only, nothing delivered (tests of one service's HTTP surface). */
export type Transport = 'kafka' | 'in-process' | 'none';

export type MessagingOptions = {
  /** `kafka` in distributed mode; `in-process` when every service runs in one process. */
  transport: Transport;
  kafka?: {
    brokers: string[];
    topicPrefix: string;
    partitions: number;
    clientId: string;
    /** The consumers' session timeout: how soon another instance takes over a dead one's partitions. */
    sessionTimeoutMs?: number;
  };
};

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export type HandlerRegistration = {
  handler: EventHandler;
  /** Schema of the consumer's bookkeeping tables: the consuming service's own. */
  schema: string;
  /** Services whose events it consumes. */
  sources: ServiceName[];
  /**
   * Kafka consumer group suffix (default: the handler's name). Handlers registered with the same group
   * read the same sources through one consumer: each message fetched and decoded once, then applied by
   * each handler exactly once. In-process, every handler has its own delivery whatever its group.
   */
  group?: string;
};

type Consumer = {
  name: string;
  stop(): Promise<void>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  retry(eventId?: string): Promise<{ retried: number; stillFailing: number }>;
  parked(): Promise<number>;
};

/**
 * Wires the stores and the handlers of whatever services run in this process to the chosen transport:
 * relays and Kafka consumers, or in-process deliveries. One code path for projections and policies.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private readonly stores = new Map<
    ServiceName,
    { store: EventStore; schema: string; toContracts?: PublishedEventOf }
  >();
  private readonly registrations: HandlerRegistration[] = [];
  private readonly aggregates: (AggregateDescriptor & { service: ServiceName })[] = [];
  private readonly relays: EventRelay[] = [];
  private readonly consumers: Consumer[] = [];
  private publisher: KafkaEventPublisher | null = null;
  /** The Kafka start still running in the background after a retriable error, and what it waits for. */
  private kafkaStart: Promise<void> | null = null;
  private kafkaWaiting: string | null = null;
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @InjectPool() private readonly pool: Pool,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  registerStore(
    service: ServiceName,
    store: EventStore,
    schema: string,
    aggregates: AggregateDescriptor[] = [],
    toContracts?: PublishedEventOf,
  ): void {
    if (this.stores.has(service)) throw new Error(`A store for ${service} is already registered`);
    this.stores.set(service, { store, schema, ...(toContracts ? { toContracts } : {}) });
    this.aggregates.push(...aggregates.map((a) => ({ ...a, service })));
    // the longest prefix wins (`mou-amendment-` before `mou-`)
    this.aggregates.sort((a, b) => b.streamPrefix.length - a.streamPrefix.length);
  }

  /** The aggregate a stream belongs to, and the service that owns it. */
  aggregateOf(streamId: string): (AggregateDescriptor & { service: ServiceName }) | undefined {
    return this.aggregates.find((a) => streamId.startsWith(a.streamPrefix));
  }

  /** How this process delivers events: `kafka`, `in-process`, or `none`. */
  get transport(): Transport {
    return this.options.transport;
  }

  /** The stores of the services running in this process (the audit API reads them). */
  storesInProcess(): { service: ServiceName; store: EventStore }[] {
    return [...this.stores].map(([service, { store }]) => ({ service, store }));
  }

  registerHandler(registration: HandlerRegistration): void {
    if (this.registrations.some((r) => r.handler.name === registration.handler.name)) {
      throw new Error(`Two event handlers are named ${registration.handler.name}`);
    }
    this.registrations.push(registration);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const schema of new Set(this.registrations.map((r) => r.schema))) {
      await runMigrations(this.pool, schema, messagingMigrations);
    }
    this.health?.register('messaging', async () => {
      const problems = [
        ...(this.kafkaWaiting ? [this.kafkaWaiting] : []),
        ...this.relays.flatMap((r) =>
          r.status().lastError ? [`relay to Kafka: ${r.status().lastError}`] : [],
        ),
        ...(await Promise.all(this.consumers.map(async (c) => ({ c, h: await c.health() }))))
          .filter(({ h }) => !h.ok)
          .map(({ c, h }) => `${c.name}: ${h.detail}`),
      ];
      return problems.length === 0 ? { ok: true } : { ok: false, detail: problems.join('; ') };
    });
    if (this.options.transport === 'kafka') await this.startKafkaOrWaitInBackground();
    else if (this.options.transport === 'in-process') this.startInProcess();
  }

  // Before any module's onApplicationShutdown: the database module (as global as this one) ends the
  // pool there, and deliveries or relays still running would log "Cannot use a pool after calling end on
  // the pool".
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
    // a start still retrying stops at its next attempt; what it started meanwhile is stopped below
    await this.kafkaStart?.catch(() => undefined);
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
    await Promise.all(this.relays.splice(0).map((r) => r.stop()));
    await this.publisher?.close();
  }

  /** Consumers of this process with how many events each has parked. */
  async consumerStatus(): Promise<{ name: string; parked: number; healthy: boolean; detail?: string }[]> {
    return Promise.all(
      this.consumers.map(async (c) => {
        const health = await c.health();
        return {
          name: c.name,
          parked: await c.parked(),
          healthy: health.ok,
          ...(health.detail ? { detail: health.detail } : {}),
        };
      }),
    );
  }

  /** The operator's retry of parked events, for one consumer (and optionally one event). */
  async retryParked(
    consumer: string,
    eventId?: string,
  ): Promise<{ retried: number; stillFailing: number } | null> {
    const found = this.consumers.find((c) => c.name === consumer);
    return found ? found.retry(eventId) : null;
  }

  /**
   * Starts relays and consumers, and resolves when all have started, or as soon as one waits on a
   * retriable broker error (topics still being created, a broker not up yet): the start then goes on in
   * the background, the app serves, and `/health` names what it waits for, rather than the process
   * exiting on an error a second later would not have raised.
   */
  private async startKafkaOrWaitInBackground(): Promise<void> {
    let waiting: () => void = () => undefined;
    const firstWait = new Promise<'waiting'>((resolve) => (waiting = () => resolve('waiting')));
    const starting = this.startKafka(waiting);
    this.kafkaStart = starting;
    if ((await Promise.race([starting, firstWait])) !== 'waiting') return;
    this.logger.warn('Kafka is not ready yet: starting in the background; /health says what it waits for');
    starting.then(
      () => this.logger.log('Kafka relays and consumers started'),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.kafkaWaiting = `Kafka start failed: ${message}`;
        this.logger.error(`Kafka start failed: ${message}`);
      },
    );
  }

  private async startKafka(onWaiting: () => void): Promise<void> {
    const settings = this.options.kafka;
    if (!settings || settings.brokers.length === 0)
      throw new Error('KAFKA_BROKERS is required for the Kafka transport');
    const kafka: Kafka = createKafka({ brokers: settings.brokers, clientId: settings.clientId });
    const topics = new Set<string>([
      ...[...this.stores.keys()].map((s) => topicFor(settings.topicPrefix, s)),
      ...this.registrations.flatMap((r) => r.sources.map((s) => topicFor(settings.topicPrefix, s))),
    ]);
    await retryAtStart(() => ensureTopics(kafka, [...topics], settings.partitions), {
      what: 'creating topics',
      onWaiting: (detail) => {
        this.kafkaWaiting = detail;
        if (detail) onWaiting();
      },
      stopped: () => this.stopping,
      log: (m) => this.logger.warn(m),
    });
    if (this.stopping) return;
    this.publisher = new KafkaEventPublisher(kafka);
    for (const [service, { store, schema, toContracts }] of this.stores) {
      await runMigrations(this.pool, schema, messagingMigrations);
      const relay = new EventRelay({
        name: 'kafka',
        service,
        store,
        pool: this.pool,
        schema,
        publisher: this.publisher,
        topic: topicFor(settings.topicPrefix, service),
        ...(toContracts ? { toIntegrationEvent: toContracts } : {}),
        log: (m) => this.logger.warn(m),
      });
      relay.start();
      this.relays.push(relay);
    }
    const groups = new Map<string, HandlerRegistration[]>();
    for (const registration of this.registrations) {
      const group = registration.group ?? registration.handler.name;
      groups.set(group, [...(groups.get(group) ?? []), registration]);
    }
    const starting = [...groups].map(([group, members]) => {
      const { schema, sources } = members[0]!;
      const mismatch = members.find((m) => m.schema !== schema || m.sources.join() !== sources.join());
      if (mismatch)
        throw new Error(`${mismatch.handler.name} reads other sources or schema than group ${group}`);
      const consumer = new KafkaEventConsumer({
        kafka,
        groupId: `${settings.topicPrefix}.${group}`,
        topics: sources.map((s) => topicFor(settings.topicPrefix, s)),
        pool: this.pool,
        schema,
        handlers: members.map((m) => m.handler),
        log: (m) => this.logger.warn(m),
        onStartRetry: onWaiting,
        sessionTimeoutMs: settings.sessionTimeoutMs,
      });
      for (const { handler } of members) {
        const applier = consumer.applierOf(handler.name);
        this.consumers.push({
          name: handler.name,
          stop: () => consumer.stop(),
          health: () => consumer.health(handler.name),
          retry: (id) => applier.retryParked(id),
          parked: () => applier.parkedCount(),
        });
      }
      return consumer.start();
    });
    // each joins its own group: together, so the first does not wait for the others' joins
    await Promise.all(starting);
  }

  private startInProcess(): void {
    for (const { handler, schema, sources } of this.registrations) {
      const delivery = new InProcessDelivery({
        pool: this.pool,
        schema,
        handler,
        sources: sources.map((service) => {
          const registered = this.stores.get(service);
          if (!registered)
            throw new Error(`${handler.name} consumes ${service}, which does not run in this process`);
          return {
            service,
            store: registered.store,
            ...(registered.toContracts ? { toContracts: registered.toContracts } : {}),
          };
        }),
        log: (m) => this.logger.warn(m),
      });
      delivery.start();
      this.consumers.push({
        name: handler.name,
        stop: () => delivery.stop(),
        health: () => delivery.health(),
        retry: (id) => delivery.applier.retryParked(id),
        parked: () => delivery.applier.parkedCount(),
      });
    }
  }
}
