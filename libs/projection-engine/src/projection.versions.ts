import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  consumerName,
  type ProjectionDefinition,
  type ProjectionName,
  type VersionTables,
  versionTables,
} from './projection.definition';
import { ProjectionEngineError } from './projection.errors';
import { inTransaction } from './transaction';

/** `replay`: the scratch copy of an auditor's replay check, never switched to (see ProjectionReplays). */
export type VersionStatus = 'building' | 'active' | 'retired' | 'dropped' | 'replay';

export type ProjectionVersion = {
  projection: ProjectionName;
  version: number;
  status: VersionStatus;
  startedAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
  checksumAtActivation: string | null;
  checksumAtRetirement: string | null;
  comparedWith: number | null;
  comparedAtSamePosition: boolean | null;
  /** The consumer group it shares with the versions created with it; null when it has its own. */
  feed: string | null;
};

const COLUMNS = `projection, version, status, started_at as "startedAt", activated_at as "activatedAt",
  retired_at as "retiredAt", checksum_at_activation as "checksumAtActivation",
  checksum_at_retirement as "checksumAtRetirement", compared_with as "comparedWith",
  compared_at_same_position as "comparedAtSamePosition", feed`;

/**
 * The pointer rows: which version of each read model answers ('active'), which one a rebuild is filling
 * ('building'). Reports resolve their table names through here on every request, so a switch made by
 * any instance is seen at once.
 */
export class ProjectionVersions {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  tables<T extends string>(definition: ProjectionDefinition<T>, version: number): VersionTables<T> {
    return versionTables(this.schema, definition, version);
  }

  async activeTables<T extends string>(definition: ProjectionDefinition<T>): Promise<VersionTables<T>> {
    const { rows } = await this.pool.query<{ version: number }>(
      `select version from ${this.schema}.projection_versions where projection = $1 and status = 'active'`,
      [definition.name],
    );
    const version = rows[0]?.version;
    if (version === undefined) throw new Error(`No active version of ${definition.name}`);
    return this.tables(definition, version);
  }

  /**
   * The active version's tables, and whether it has every table of the definition: a version built before
   * `rebuildWithout` tables were added answers from the tables it has until its rebuilt successor switches.
   */
  async activeVersion<T extends string>(
    definition: ProjectionDefinition<T>,
  ): Promise<{ version: number; tables: VersionTables<T>; complete: boolean }> {
    const added = definition.rebuildWithout ?? [];
    const { rows } = await this.pool.query<{ version: number; complete: boolean }>(
      `select version, not exists (
         select 1 from unnest($2::text[]) t where to_regclass($3 || '.' || t || '_v' || version) is null
       ) as complete
       from ${this.schema}.projection_versions where projection = $1 and status = 'active'`,
      [definition.name, added, this.schema],
    );
    const found = rows[0];
    if (found === undefined) throw new Error(`No active version of ${definition.name}`);
    return {
      version: found.version,
      tables: this.tables(definition, found.version),
      complete: found.complete,
    };
  }

  async list(): Promise<ProjectionVersion[]> {
    const { rows } = await this.pool.query<ProjectionVersion>(
      `select ${COLUMNS} from ${this.schema}.projection_versions order by projection, version`,
    );
    return rows;
  }

  /**
   * Version 1 of each read model on a fresh schema; the tables of every live version exist. The versions 1
   * created here together share one feed per source (they start from the same, empty, position); a read
   * model added later gets a feed of its own, since the existing feeds are already past the start.
   */
  async ensureInitial(definitions: readonly ProjectionDefinition[]): Promise<void> {
    const created = randomUUID().slice(0, 8);
    await this.locked(async (tx) => {
      for (const definition of definitions) {
        const [source, ...more] = definition.sources;
        await tx.query(
          `insert into ${this.schema}.projection_versions (projection, version, status, activated_at, feed)
           select $1, 1, 'active', now(), $2
           where not exists (select 1 from ${this.schema}.projection_versions where projection = $1)`,
          [definition.name, source && more.length === 0 ? feedName(source, created) : null],
        );
        await this.replaceOutdated(tx, definition);
        const without = await this.rebuildIfWithout(tx, definition);
        const { rows } = await tx.query<{ version: number }>(
          `select version from ${this.schema}.projection_versions
           where projection = $1 and status in ('active', 'building')`,
          [definition.name],
        );
        for (const { version } of rows)
          await this.createTables(
            tx,
            definition,
            version,
            version === without ? definition.rebuildWithout : [],
          );
      }
    });
  }

  /** Registers a new 'building' version with empty tables; drops the tables of retired versions. */
  async startBuilding(definition: ProjectionDefinition): Promise<number> {
    return this.locked(async (tx) => {
      const { rows } = await tx.query<{ version: number; status: VersionStatus }>(
        `select version, status from ${this.schema}.projection_versions where projection = $1`,
        [definition.name],
      );
      if (rows.some((r) => r.status === 'building')) {
        throw new ProjectionEngineError(
          'REBUILD_IN_PROGRESS',
          `${definition.name} is already being rebuilt.`,
          {
            projection: definition.name,
          },
        );
      }
      // its consumer, if still running here, finds nothing to write and consumes afresh
      for (const { version } of rows.filter((r) => r.status === 'retired'))
        await this.drop(tx, definition, version, [
          'consumer_positions',
          'processed_events',
          'projection_progress',
        ]);
      return this.createVersion(tx, definition, rows, 'building');
    });
  }

  /**
   * Registers a scratch version (status 'replay') with empty tables; `within` writes in the same
   * transaction, so the version and whatever owns it exist together or not at all.
   */
  async startReplay(
    definition: ProjectionDefinition,
    within: (tx: PoolClient, version: number) => Promise<void>,
  ): Promise<number> {
    return this.locked(async (tx) => {
      const { rows } = await tx.query<{ version: number }>(
        `select version from ${this.schema}.projection_versions where projection = $1`,
        [definition.name],
      );
      const version = await this.createVersion(tx, definition, rows, 'replay');
      await within(tx, version);
      return version;
    });
  }

  /** Drops a scratch version's tables and every bookkeeping row of its consumer (stopped by then). */
  async dropReplay(definition: ProjectionDefinition, version: number): Promise<void> {
    await this.locked((tx) =>
      this.drop(tx, definition, version, [
        'consumer_positions',
        'processed_events',
        'projection_progress',
        'dead_letters',
      ]),
    );
  }

  /**
   * Versions filled before rows carried their recorded time (no `known_from` column) cannot answer "as known
   * at": they are dropped, and a new active version with a consumer of its own refills from the start.
   */
  private async replaceOutdated(tx: PoolClient, definition: ProjectionDefinition): Promise<void> {
    const { rows } = await tx.query<{ version: number; status: VersionStatus }>(
      `select version, status from ${this.schema}.projection_versions
       where projection = $1 and status in ('active', 'building')`,
      [definition.name],
    );
    const first = Object.keys(definition.tables)[0]!;
    let replaceActive = false;
    for (const { version, status } of rows) {
      const table = this.tables(definition, version)[first];
      const { rows: found } = await tx.query<{ outdated: boolean }>(
        `select to_regclass($1) is not null and not exists (
           select 1 from pg_attribute where attrelid = to_regclass($1) and attname = 'known_from'
         ) as outdated`,
        [table],
      );
      if (!found[0]?.outdated) continue;
      await this.drop(tx, definition, version, [
        'consumer_positions',
        'processed_events',
        'projection_progress',
        'dead_letters',
      ]);
      replaceActive ||= status === 'active';
    }
    if (!replaceActive) return;
    const { rows: all } = await tx.query<{ version: number }>(
      `select version from ${this.schema}.projection_versions where projection = $1`,
      [definition.name],
    );
    const next = Math.max(0, ...all.map((r) => r.version)) + 1;
    await tx.query(
      `insert into ${this.schema}.projection_versions (projection, version, status, activated_at)
       values ($1, $2, 'active', now())`,
      [definition.name, next],
    );
  }

  /**
   * An active version filled before the definition's `rebuildWithout` tables were added (its first table
   * exists, one of those does not) keeps answering while a new 'building' version refills from the start
   * (ProjectionsBoot registers its consumer; ProjectionRebuilds switches to it once caught up). Returns the
   * active version whose added tables must not be created empty, if any.
   */
  private async rebuildIfWithout(tx: PoolClient, definition: ProjectionDefinition): Promise<number | null> {
    const added = definition.rebuildWithout ?? [];
    if (added.length === 0) return null;
    const { rows } = await tx.query<{ version: number; status: VersionStatus }>(
      `select version, status from ${this.schema}.projection_versions where projection = $1`,
      [definition.name],
    );
    const active = rows.find((r) => r.status === 'active');
    if (!active) return null;
    const tables: Readonly<Record<string, string>> = this.tables(definition, active.version);
    const { rows: found } = await tx.query<{ filled: boolean; lacking: boolean }>(
      `select to_regclass($1) is not null as filled,
         exists (select 1 from unnest($2::text[]) t where to_regclass(t) is null) as lacking`,
      [tables[Object.keys(definition.tables)[0]!], added.map((t) => tables[t])],
    );
    if (!found[0]?.filled || !found[0].lacking) return null;
    if (!rows.some((r) => r.status === 'building')) {
      for (const { version } of rows.filter((r) => r.status === 'retired'))
        await this.drop(tx, definition, version, [
          'consumer_positions',
          'processed_events',
          'projection_progress',
        ]);
      await this.createVersion(tx, definition, rows, 'building');
    }
    return active.version;
  }

  private async createVersion(
    tx: PoolClient,
    definition: ProjectionDefinition,
    existing: readonly { version: number }[],
    status: 'building' | 'replay',
  ): Promise<number> {
    const next = Math.max(0, ...existing.map((r) => r.version)) + 1;
    await this.createTables(tx, definition, next);
    await tx.query(
      `insert into ${this.schema}.projection_versions (projection, version, status) values ($1, $2, $3)`,
      [definition.name, next, status],
    );
    return next;
  }

  private async drop(
    tx: PoolClient,
    definition: ProjectionDefinition,
    version: number,
    bookkeeping: readonly string[],
  ): Promise<void> {
    for (const table of Object.values<string>(this.tables(definition, version)))
      await tx.query(`drop table if exists ${table}`);
    await tx.query(
      `update ${this.schema}.projection_versions set status = 'dropped' where projection = $1 and version = $2`,
      [definition.name, version],
    );
    for (const table of bookkeeping)
      await tx.query(`delete from ${this.schema}.${table} where consumer = $1`, [
        consumerName(definition.name, version),
      ]);
  }

  private async createTables(
    tx: PoolClient,
    definition: ProjectionDefinition,
    version: number,
    except: readonly string[] = [],
  ) {
    const tables = this.tables(definition, version);
    for (const [name, table] of Object.entries(definition.tables)) {
      if (except.includes(name)) continue;
      await tx.query(`create table if not exists ${tables[name]} (${table.columns})`);
      for (const [i, spec] of (table.indexes ?? []).entries()) {
        const unique = spec.startsWith('unique ');
        const index = `${tables[name]!.split('.')[1]}_i${i}`;
        await tx.query(
          `create ${unique ? 'unique ' : ''}index if not exists ${index} on ${tables[name]} ${unique ? spec.slice(7) : spec}`,
        );
      }
    }
  }

  // one writer of the pointer rows and DDL at a time, across instances
  private locked<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`coe-projections:${this.schema}`]);
      return work(tx);
    });
  }
}

/** Consumer group suffix of the versions of one source created together (`created` tells them apart). */
export const feedName = (source: string, created: string): string => `projections.feed.${source}.${created}`;
