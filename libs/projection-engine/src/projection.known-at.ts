import type { IntegrationEvent } from '@coe/contracts';
import type { Pool, PoolClient } from 'pg';

/**
 * The recorded-time axis of every read-model row (bitemporal rows: business dates in the row's own
 * columns × recorded time here). A row version holds from the recording of the event that wrote it
 * until the recording of the event that replaced it (null: still current). A row is never updated
 * otherwise, so "as known at T" is a filter, not a replay.
 */
export const KNOWN_COLUMNS = `
  known_from timestamptz not null,
  known_from_position bigint not null,
  known_until timestamptz,
  known_until_position bigint`;

/** The row version of `alias` that was current at the instant `at` (an SQL expression, e.g. `$3`). */
export const heldAt = (alias: string, at: string): string =>
  `(${alias}.known_from <= ${at}::timestamptz and (${alias}.known_until is null or ${alias}.known_until > ${at}::timestamptz))`;

/**
 * Indexes every table with KNOWN_COLUMNS has: the current version per key (not unique: a batch closes
 * the old version and inserts the new one in one statement, whose parts see the same snapshot), and the
 * positions.
 */
export const knownIndexes = (key: string): string[] => [
  `(${key}) where known_until is null`,
  `(known_from_position)`,
  `(known_until_position) where known_until_position is not null`,
];

/** The recorded-time columns of a row written by `event`. */
export const knownFrom = (event: IntegrationEvent) => ({
  known_from: event.recordedAt.toISOString(),
  known_from_position: event.globalPosition.toString(),
});

/** Which events a report answered from: those of `source` recorded up to `knownAt`, the last at `globalPosition`. */
export type KnownAt = {
  /** The instant asked for (default: now), RFC 3339. */
  knownAt: string;
  reflects: {
    source: string;
    /** The highest global position of the source's events the read model had applied, recorded at or before knownAt. */
    globalPosition: string | null;
    recordedAt: string | null;
  };
};

/**
 * What a report as known at `knownAt` reflects: the latest event (by global position) its tables hold a
 * row version of, among those recorded at or before `knownAt`. Reading `known_until_position` too counts
 * an event that closed a row. With `contributor`, only the tables' rows of that contributor count (pass
 * only tables with a `contributor` column).
 */
export const reflectedAt = async (
  db: Pool | PoolClient,
  source: string,
  tables: readonly string[],
  knownAt: string,
  contributor: string | null = null,
): Promise<KnownAt> => {
  // scoped to a contributor, only their rows count: the latest event of anyone else's must not show
  const own = contributor === null ? '' : 'and contributor = $2';
  // per table the newest opening and closing event recorded by then (backward scans of the position
  // indexes; the closing one is partial, `known_until_position is not null`, and the planner uses it only
  // when the query says so: without, it read every row of the table, 0.8 ms on one year, 10.7 on ten)
  const union = tables
    .flatMap((t) => [
      `(select known_from_position as p, known_from as at from ${t}
        where known_from <= $1::timestamptz ${own} order by known_from_position desc limit 1)`,
      `(select known_until_position, known_until from ${t}
        where known_until_position is not null and known_until <= $1::timestamptz ${own}
        order by known_until_position desc limit 1)`,
    ])
    .join(' union all ');
  const { rows } = await db.query<{ p: string; at: Date }>(
    `select p::text as p, at from (${union}) x order by x.p desc limit 1`,
    contributor === null ? [knownAt] : [knownAt, contributor],
  );
  const last = rows[0];
  return {
    knownAt,
    reflects: {
      source,
      globalPosition: last?.p ?? null,
      recordedAt: last ? last.at.toISOString() : null,
    },
  };
};
