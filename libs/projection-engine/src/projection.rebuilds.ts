import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionEngineContext } from './projection.context';
import { ProjectionEngineError } from './projection.errors';
import { consumerName, type ProjectionName } from './projection.definition';
import { projectionHandler } from './projection.handler';
import { periodicPass, type PeriodicPass } from './projection.periodic';
import { switchToRebuilt } from './projection.switch';

export type RebuildStarted = { projection: ProjectionName; version: number; status: 'building' };

/**
 * Rebuild without downtime: a new version's consumer reads every source from the beginning into fresh
 * tables while the active version keeps answering; once it has caught up, the pointer row switches.
 * Versions still building when the process stopped are resumed at boot (see ProjectionsBoot).
 */
@Injectable()
export class ProjectionRebuilds implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private checks: PeriodicPass | null = null;
  /** When each building version was first seen caught up (it then waits for a comparable moment). */
  private readonly caughtUpSince = new Map<string, number>();

  constructor(
    @Inject(ProjectionEngineContext) private readonly context: ProjectionEngineContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async start(names: readonly ProjectionName[]): Promise<RebuildStarted[]> {
    const definitions = names.map((name) => this.context.named(name));
    for (const definition of definitions) {
      if (this.context.consumers.transportFor(definition.sources) === 'none')
        throw new ProjectionEngineError(
          'REBUILD_UNAVAILABLE',
          `This process can read the events of ${definition.sources.join(', ')} neither in-process nor from Kafka.`,
        );
    }
    const started: RebuildStarted[] = [];
    for (const definition of definitions) {
      const version = await this.context.versions.startBuilding(definition);
      await this.context.consumers.start(
        projectionHandler(this.context.schema, definition, version),
        definition.sources,
      );
      started.push({ projection: definition.name, version, status: 'building' });
    }
    return started;
  }

  onApplicationBootstrap(): void {
    this.checks = periodicPass(
      () => this.switchCaughtUp(),
      this.context.config.switchCheckMs,
      (error) => this.logger.warn(`rebuild check failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checks?.stop();
    await this.context.consumers.stopAll();
  }

  /** One pass: every building version whose consumer has nothing left to read is switched on. */
  async switchCaughtUp(): Promise<void> {
    const versions = await this.context.versions.list();
    for (const building of versions.filter((v) => v.status === 'building')) {
      const live = versions.find((v) => v.projection === building.projection && v.status === 'active');
      if (!live) continue;
      const definition = this.context.named(building.projection);
      const key = consumerName(definition.name, building.version);
      const lag = await this.context.consumers.lag({
        consumer: key,
        sources: definition.sources,
        startedAt: building.startedAt,
        scanLimit: 1,
      });
      if (lag === null || lag.eventsBehind > 0) {
        this.caughtUpSince.delete(key);
        continue;
      }
      const since = this.caughtUpSince.get(key) ?? Date.now();
      this.caughtUpSince.set(key, since);
      const outcome = await switchToRebuilt(
        this.pool,
        this.context.schema,
        definition,
        live.version,
        building.version,
        Date.now() - since >= this.context.config.switchWaitMs,
      );
      if (!outcome.switched) continue;
      this.caughtUpSince.delete(key);
      const verdict = outcome.liveChecksum === outcome.nextChecksum ? 'identical' : 'DIFFERENT';
      this.logger.log(
        `${definition.name}: switched from v${outcome.live} to v${outcome.next}; checksums ${verdict} ` +
          `(${outcome.liveChecksum} / ${outcome.nextChecksum}${outcome.samePosition ? '' : ', not at the same position'})`,
      );
    }
  }
}
