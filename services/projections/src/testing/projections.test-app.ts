import type { ServiceName } from '@coe/contracts';
import { type EventMetadata, type NewEvent, PostgresEventStore } from '@coe/event-store';
import { MessagingModule, MessagingRuntime, serviceSchema } from '@coe/messaging';
import {
  buildHttpApp,
  PG_POOL,
  parseConfig,
  type PlatformConfig,
  signToken,
  type TokenClaims,
} from '@coe/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import type { ProjectionsConfig } from '../config';
import { ProjectionStatus } from '@coe/projection-engine';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from '../projections.module';

type SourceStores = Record<'mou-negotiation' | 'reimbursement', PostgresEventStore>;
const SOURCE_STORES = Symbol('SOURCE_STORES');
const SOURCES = ['mou-negotiation', 'reimbursement'] as const satisfies ServiceName[];

/** The source services' event stores alone (no routes, no deciders), registered with the runtime. */
@Module({})
class SourceStoresModule {
  static register(prefix: string): DynamicModule {
    return {
      module: SourceStoresModule,
      providers: [
        {
          provide: SOURCE_STORES,
          inject: [PG_POOL, MessagingRuntime],
          useFactory: async (pool: Pool, runtime: MessagingRuntime): Promise<SourceStores> => {
            const stores = {} as SourceStores;
            for (const service of SOURCES) {
              const schema = serviceSchema(service, prefix);
              const store = new PostgresEventStore({ pool, schema });
              await store.migrate();
              runtime.registerStore(service, store, schema);
              stores[service] = store;
            }
            return stores;
          },
        },
      ],
      exports: [SOURCE_STORES],
    };
  }
}

const metadata: EventMetadata = { actor: { sub: 'test', roles: ['admin'] } };

export type ProjectionsTestApp = {
  app: NestExpressApplication;
  config: PlatformConfig;
  /**
   * Appends to a source service's store, as that service would (in-process delivery picks it up);
   * `recordedAt`: the recorded instant instead of now (a history recorded over time).
   */
  append(service: keyof SourceStores, streamId: string, events: NewEvent[], recordedAt?: Date): Promise<void>;
  token(claims: TokenClaims): Promise<string>;
  /** Resolves once every active and building version has processed every event of its sources. */
  caughtUp(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export type TestAppOptions = {
  projections?: Partial<ProjectionsConfig>;
  /** `kafka`: the stores' relays publish to topics of a fresh prefix and projections consume them. */
  transport?: 'in-process' | 'kafka';
};

/** Projections on a fresh schema prefix, fed by empty source stores the test appends to. */
export const startProjectionsTestApp = async (
  pool: Pool,
  prefix: string,
  options: TestAppOptions = {},
): Promise<ProjectionsTestApp> => {
  const transport = options.transport ?? 'in-process';
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'projections-test-secret-0123456789',
      ...(transport === 'kafka' && {
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: prefix.replace(/_$/, ''),
        KAFKA_PARTITIONS: '3',
      }),
    },
    { defaultPort: 0 },
  );
  const app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, transport, 'test'),
      SourceStoresModule.register(prefix),
      ProjectionsModule.register({
        config,
        schemaPrefix: prefix,
        projections: { switchCheckMs: 50, ...options.projections },
      }),
    ],
    { config, database: { pool }, openApi: PROJECTIONS_OPENAPI, logger: false },
  );
  const stores = app.get<SourceStores>(SOURCE_STORES);
  const status = app.get(ProjectionStatus);
  const schema = serviceSchema('projections', prefix);
  // every consumer consumes every event of its sources, whatever its type
  const behind = async (): Promise<string[]> => {
    const totals = new Map<string, number>();
    for (const service of SOURCES) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from ${serviceSchema(service, prefix)}.events`,
      );
      totals.set(service, rows[0]!.n);
    }
    const { rows } = await pool.query<{ consumer: string; n: number }>(
      `select consumer, sum(events)::int as n from ${schema}.consumer_positions group by consumer`,
    );
    const versions = (await status.list({ checksums: false })).flatMap((p) =>
      p.versions.map((v) => ({ ...v, sources: p.sources })),
    );
    return versions
      .filter((v) => v.status === 'active' || v.status === 'building')
      .filter((v) => {
        const expected = v.sources.reduce((sum, s) => sum + (totals.get(s) ?? 0), 0);
        return (rows.find((r) => r.consumer === v.consumer)?.n ?? 0) !== expected;
      })
      .map((v) => v.consumer);
  };
  return {
    app,
    config,
    append: async (service, streamId, events, recordedAt) => {
      await stores[service].append(streamId, events, { metadata, ...(recordedAt && { recordedAt }) });
    },
    token: (claims) => signToken(config, claims),
    caughtUp: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (let late = await behind(); late.length > 0; late = await behind()) {
        if (Date.now() > deadline) throw new Error(`still behind: ${late.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => app.close(),
  };
};
