import { Inject, Injectable } from '@nestjs/common';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionEngineContext } from './projection.context';
import { checksumOf, dumpVersion } from './projection.checksum';
import { consumerName, type ProjectionName } from './projection.definition';
import type { Lag } from './projection.lag';
import type { ProjectionVersion } from './projection.versions';
import { inTransaction } from './transaction';

export type VersionView = Omit<ProjectionVersion, 'projection' | 'feed'> & {
  consumer: string;
  /** md5 of the canonical dump now (active and building versions only). */
  checksum: string | null;
  lag: Lag | null;
  parked: number;
};

export type ProjectionView = {
  projection: ProjectionName;
  sources: string[];
  activeVersion: number | null;
  versions: VersionView[];
};

const LIVE = new Set(['active', 'building']);

/** Versions, lag, parked events and checksums of every read model: the admin listing and the gauges. */
@Injectable()
export class ProjectionStatus {
  constructor(
    @Inject(ProjectionEngineContext) private readonly context: ProjectionEngineContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async list(options: { checksums: boolean }): Promise<ProjectionView[]> {
    const versions = await this.context.versions.list();
    const parked = await this.parked();
    const checksums = options.checksums ? await this.checksums(versions) : new Map<string, string>();
    const views: ProjectionView[] = [];
    for (const definition of this.context.catalog) {
      const own = versions.filter((v) => v.projection === definition.name);
      const versionViews: VersionView[] = [];
      for (const { projection: _, feed, ...version } of own) {
        const consumer = consumerName(definition.name, version.version);
        const lag = LIVE.has(version.status)
          ? await this.context.consumers
              .lag({
                consumer,
                ...(feed ? { group: feed } : {}),
                sources: definition.sources,
                startedAt: version.startedAt,
              })
              .catch(() => null)
          : null;
        versionViews.push({
          ...version,
          consumer,
          checksum: checksums.get(consumer) ?? null,
          lag,
          parked: parked.find((p) => p.consumer === consumer)?.n ?? 0,
        });
      }
      views.push({
        projection: definition.name,
        sources: [...definition.sources],
        activeVersion: own.find((v) => v.status === 'active')?.version ?? null,
        versions: versionViews,
      });
    }
    return views;
  }

  /** Parked events of this service's consumers, whoever started them. */
  async parked(): Promise<{ consumer: string; n: number }[]> {
    const { rows } = await this.pool.query<{ consumer: string; n: number }>(
      `select consumer, count(*)::int as n from ${this.context.schema}.dead_letters
       where consumer like 'projections.%' group by consumer order by consumer`,
    );
    return rows;
  }

  private async checksums(versions: ProjectionVersion[]): Promise<Map<string, string>> {
    // one snapshot for all, so two versions at the same position compare
    return inTransaction(
      this.pool,
      async (tx) => {
        const result = new Map<string, string>();
        for (const v of versions.filter((v) => LIVE.has(v.status))) {
          const definition = this.context.named(v.projection);
          const tables = this.context.versions.tables(definition, v.version);
          result.set(
            consumerName(v.projection, v.version),
            checksumOf(await dumpVersion(tx, definition, tables)),
          );
        }
        return result;
      },
      'repeatable read',
    );
  }
}
