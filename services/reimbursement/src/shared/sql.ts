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
