import type { IntegrationEvent, ServiceName } from '@coe/contracts';
import type { PoolClient } from 'pg';
import type { KnownPeriodMeasure } from './projection.known-period-sums';

/** A read model's name (the service that keeps the read models lists them). */
export type ProjectionName = string;

export type TableDefinition = {
  /** Inside `create table … ( here )`: columns and constraints, identical in every version. */
  columns: string;
  /** Index specs, e.g. `(known_from_position)` or `unique (mou_id) where known_until is null`. */
  indexes?: readonly string[];
};

/** Qualified names of one version's tables, e.g. `{ mous: 'projections.mous_v2' }`. */
export type VersionTables<T extends string> = Readonly<Record<T, string>>;

/**
 * A read model: the tables it keeps and how events change them. Every version of it has its own
 * copy of the tables (`<table>_v<version>`), filled by its own consumer, so a rebuild never touches the
 * version that is answering.
 */
export type ProjectionDefinition<T extends string = string> = {
  name: ProjectionName;
  sources: readonly ServiceName[];
  eventTypes: readonly string[];
  tables: Readonly<Record<T, TableDefinition>>;
  /**
   * Tables added after versions of the read model already answered, whose rows earlier events fill (sums or
   * states derived from the other tables). At start, an active version without them keeps answering (its
   * readers ask `ProjectionVersions.activeVersion` whether it has them) while a new version is built from
   * the start of the sources and switched to once caught up. Their rows carry no KNOWN_COLUMNS of their own.
   */
  rebuildWithout?: readonly T[];
  /**
   * Its tables of period sums as known at an instant (KNOWN_PERIOD_SUM_COLUMNS) whose changes a batch may
   * leave pending (deferKnownSums), each with every measure kept in it: what refreshKnownSums recomputes
   * once the version's consumer has caught up.
   */
  knownSums?(tables: VersionTables<T>): readonly { table: string; measures: readonly KnownPeriodMeasure[] }[];
  /**
   * Applies a batch of events (in delivery order, of `eventTypes`) with a few set-based statements; the
   * tables must end up as if the events had been applied one at a time, whatever the batch boundaries.
   * Writes only through `tx`: the consumer's position moves past the events in the same transaction.
   */
  apply(events: readonly IntegrationEvent[], tx: PoolClient, tables: VersionTables<T>): Promise<void>;
};

/** The definition of `name` among `catalog`; a name outside it is a programming error. */
export const definitionNamed = (
  catalog: readonly ProjectionDefinition[],
  name: ProjectionName,
): ProjectionDefinition => {
  const found = catalog.find((p) => p.name === name);
  if (!found) throw new Error(`No projection named ${name}`);
  return found;
};

const TABLE_NAME = /^[a-z][a-z0-9_]{0,40}$/;

export const versionTables = <T extends string>(
  schema: string,
  definition: ProjectionDefinition<T>,
  version: number,
): VersionTables<T> => {
  if (!Number.isSafeInteger(version) || version < 1) throw new Error(`Invalid version ${version}`);
  const entries = Object.keys(definition.tables).map((table) => {
    if (!TABLE_NAME.test(table)) throw new Error(`Invalid table name ${table}`);
    return [table, `${schema}.${table}_v${version}`];
  });
  return Object.fromEntries(entries) as VersionTables<T>;
};

/** Consumer name (and Kafka group suffix) of one version: its own positions and checkpoints. */
export const consumerName = (projection: ProjectionName, version: number): string =>
  `projections.${projection}.v${version}`;
