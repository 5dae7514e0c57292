import { runMigrations } from '@coe/event-store';
import { MessagingRuntime, messagingMigrations } from '@coe/messaging';
import { HealthRegistry, InjectPool, MetricsRegistry } from '@coe/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { ProjectionEngineContext } from './projection.context';
import { projectionHandler } from './projection.handler';
import { projectionMigrations } from './projection.migrations';
import { monitorProjections } from './projection.monitoring';
import { ProjectionStatus } from './projection.status';

/**
 * At start: the schema, version 1 of every read model on a fresh database, and one handler per version
 * being kept up to date (the active one, and a rebuild interrupted by a restart), registered with the
 * messaging runtime before it starts, so the same handlers run in-process or from Kafka. Versions of one
 * feed read their source through one Kafka consumer group.
 */
@Injectable()
export class ProjectionsBoot implements OnModuleInit {
  constructor(
    @Inject(ProjectionEngineContext) private readonly context: ProjectionEngineContext,
    @InjectPool() private readonly pool: Pool,
    private readonly runtime: MessagingRuntime,
    private readonly status: ProjectionStatus,
    private readonly metrics: MetricsRegistry,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const { schema, versions } = this.context;
    await runMigrations(this.pool, schema, [...messagingMigrations, ...projectionMigrations]);
    await versions.ensureInitial(this.context.catalog);
    for (const version of await versions.list()) {
      if (version.status !== 'active' && version.status !== 'building') continue;
      const definition = this.context.named(version.projection);
      this.runtime.registerHandler({
        handler: projectionHandler(schema, definition, version.version),
        schema,
        sources: [...definition.sources],
        ...(version.feed ? { group: version.feed } : {}),
      });
    }
    monitorProjections(this.status, this.context.consumers, this.metrics, this.health);
  }
}
