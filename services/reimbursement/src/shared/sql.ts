import type { QueryResultRow } from 'pg';

/** A pool or a client inside a transaction: what read-model functions query through. */
export type Db = {
  query<Row extends QueryResultRow>(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>;
};

export const rows = async <Row extends QueryResultRow>(
  db: Db,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> => (await db.query<Row>(sql, values)).rows;

/** A date column read as `YYYY-MM-DD`. */
export const date = (column: string, as = column.replace(/^.*\./, '')): string =>
  `to_char(${column}, 'YYYY-MM-DD') as ${as}`;

/** A timestamptz column read as an RFC 3339 instant in UTC (`2026-12-04T08:30:00.000Z`). */
export const instant = (column: string, as = column.replace(/^.*\./, '')): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${as}`;
