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
import { consumerName, type ProjectionName, versionTables } from './projection.definition';
import { pendingKnownSums, refreshKnownSums } from './projection.known-period-sums';
import { projectionHandler } from './projection.handler';
import { periodicPass, type PeriodicPass } from './projection.periodic';
import { switchToRebuilt } from './projection.switch';
import type { ProjectionVersion } from './projection.versions';

/** How long sums over recorded time wait for their consumer to catch up before refreshed anyway. */
const PENDING_AT_MOST_MS = 60_000;

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
      async () => {
        await this.refreshCaughtUp();
        await this.switchCaughtUp();
      },
      this.context.config.switchCheckMs,
      (error) => this.logger.warn(`refresh or rebuild check failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checks?.stop();
    await this.context.consumers.stopAll();
  }

  /**
   * One pass: the sums over recorded time that batches catching up left pending (deferKnownSums) are
   * refreshed for every live version whose consumer has nothing left to read, or whose sums have waited
   * PENDING_AT_MOST_MS (a consumer never quite caught up under a steady flow must not answer from row
   * versions for ever). Until then, reports as known at instants from the pending one read row versions.
   */
  async refreshCaughtUp(): Promise<void> {
    const pending = await pendingKnownSums(this.pool, this.context.schema);
    if (pending.length === 0) return;
    for (const version of await this.context.versions.list()) {
      if (version.status !== 'active' && version.status !== 'building') continue;
      const definition = this.context.named(version.projection);
      const tables = versionTables(this.context.schema, definition, version.version);
      const waiting = (definition.knownSums?.(tables) ?? []).filter((k) =>
        pending.some((p) => p.sumsTable === k.table),
      );
      if (waiting.length === 0) continue;
      const markedAt = Math.max(
        ...pending
          .filter((p) => waiting.some((k) => k.table === p.sumsTable))
          .map((p) => p.markedAt.getTime()),
      );
      if (Date.now() - markedAt < PENDING_AT_MOST_MS && !(await this.caughtUp(version))) continue;
      for (const { table, measures } of waiting) {
        const started = Date.now();
        if (await refreshKnownSums(this.pool, table, measures))
          this.logger.log(`${table}: sums over recorded time refreshed in ${Date.now() - started} ms`);
      }
    }
  }

  /** Whether a version's consumer has nothing left to read. */
  private async caughtUp(version: ProjectionVersion): Promise<boolean> {
    const definition = this.context.named(version.projection);
    const lag = await this.context.consumers.lag({
      consumer: consumerName(definition.name, version.version),
      ...(version.feed ? { group: version.feed } : {}),
      sources: definition.sources,
      startedAt: version.startedAt,
      scanLimit: 1,
    });
    return lag !== null && lag.eventsBehind === 0;
  }

  /**
   * One pass: every building version whose consumer has nothing left to read, and whose sums over
   * recorded time wait for nothing, is switched on.
   */
  async switchCaughtUp(): Promise<void> {
    const versions = await this.context.versions.list();
    const pending = new Set((await pendingKnownSums(this.pool, this.context.schema)).map((p) => p.sumsTable));
    for (const building of versions.filter((v) => v.status === 'building')) {
      const live = versions.find((v) => v.projection === building.projection && v.status === 'active');
      if (!live) continue;
      const definition = this.context.named(building.projection);
      const key = consumerName(definition.name, building.version);
      // both versions' sums over recorded time complete, so that the checksums compare like with like
      const refreshed = [building, live].every(
        (v) =>
          !(definition.knownSums?.(versionTables(this.context.schema, definition, v.version)) ?? []).some(
            (k) => pending.has(k.table),
          ),
      );
      const lag = await this.context.consumers.lag({
        consumer: key,
        sources: definition.sources,
        startedAt: building.startedAt,
        scanLimit: 1,
      });
      if (lag === null || lag.eventsBehind > 0 || !refreshed) {
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
