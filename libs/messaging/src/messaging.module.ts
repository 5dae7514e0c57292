import type { ServiceName } from '@coe/contracts';
import {
  EventStore,
  PostgresEventStore,
  WritePath,
  type AggregateDescriptor,
  type Upcaster,
} from '@coe/event-store';
import { PG_POOL, type PlatformConfig } from '@coe/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ConsumersController } from './consumers.http.controller';
import { MESSAGING_OPTIONS, MessagingRuntime, type Transport } from './messaging.runtime';
import type { PublishedEventOf } from './to-contracts';

/**
 * The transport of this process, imported once at the root (global). Distributed services use Kafka; the
 * single-process app delivers in-process.
 */
@Module({})
export class MessagingModule {
  static forRoot(config: PlatformConfig, transport: Transport, clientId: string): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [ConsumersController],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          useValue: {
            transport,
            kafka: {
              brokers: config.kafka.brokers,
              topicPrefix: config.kafka.topicPrefix,
              partitions: config.kafka.partitions,
              sessionTimeoutMs: config.kafka.sessionTimeoutMs,
              clientId,
            },
          },
        },
        MessagingRuntime,
      ],
      exports: [MessagingRuntime],
    };
  }
}

export type EventSourcingOptions = {
  service: ServiceName;
  /** The service's own schema (a separate database in production). */
  schema: string;
  upcasters?: Upcaster[];
  /** The service's aggregates, so the audit API can show any stream's state as of a date. */
  aggregates?: AggregateDescriptor[];
  /**
   * The service's map from stored to published events (`publishedBy(service, <service>.to-contracts)`):
   * what its relay puts on its topic. Absent: every stored event as stored.
   */
  toContracts?: PublishedEventOf;
};

/**
 * Gives a service its event store (inject `EventStore`), migrated before the app starts, and hands it to
 * the runtime so its events are published (Kafka) or delivered (in-process).
 */
@Module({})
export class EventSourcingModule {
  static forService(options: EventSourcingOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      providers: [
        {
          provide: EventStore,
          inject: [PG_POOL, MessagingRuntime],
          useFactory: async (pool: Pool, runtime: MessagingRuntime) => {
            const store = new PostgresEventStore({
              pool,
              schema: options.schema,
              upcasters: options.upcasters ?? [],
            });
            await store.migrate();
            runtime.registerStore(
              options.service,
              store,
              options.schema,
              options.aggregates ?? [],
              options.toContracts,
            );
            return store;
          },
        },
        {
          // the service's one write path (see WritePath): its handlers inject it
          provide: WritePath,
          inject: [PG_POOL, EventStore],
          useFactory: (pool: Pool, store: EventStore) => new WritePath(pool, store),
        },
      ],
      exports: [EventStore, WritePath],
    };
  }
}

/** `mou-negotiation` -> `mou_negotiation`; a prefix lets tests and environments share one database. */
export const serviceSchema = (service: ServiceName, prefix = ''): string =>
  `${prefix}${service.replace(/-/g, '_')}`;
