import type { IntegrationEvent } from '@coe/contracts';
import type { PoolClient } from 'pg';

/** A row to write, by column name, values as the events carry them (money as decimal strings). */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Writes a batch's rows in one `insert … select … from jsonb_populate_recordset(null::<table>, …)`
 * followed by `conflict` (`on conflict … do …`; the table is `t`). The rows travel as one JSON
 * parameter read through the table's own row type, so money stays a decimal string until PostgreSQL
 * reads it as numeric. Every row has the same columns; fold the batch first, one row per key.
 */
export const insertRows = async (
  tx: PoolClient,
  table: string,
  rows: readonly Row[],
  conflict: string,
): Promise<void> => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).join(', ');
  await tx.query(
    `insert into ${table} as t (${columns})
     select ${columns} from jsonb_populate_recordset(null::${table}, $1::jsonb)
     ${conflict}`,
    [JSON.stringify(rows)],
  );
};

/** The data of the events of one type, in order. */
export const dataOf = <D>(events: readonly IntegrationEvent[], type: string): D[] =>
  events.filter((e) => e.type === type).map((e) => e.data as D);

/** One item per key, the first one seen: what `on conflict do nothing` keeps when applied in order. */
export const firstByKey = <R>(items: Iterable<R>, key: (item: R) => string): R[] => {
  const kept = new Map<string, R>();
  for (const item of items) if (!kept.has(key(item))) kept.set(key(item), item);
  return [...kept.values()];
};

/** One item per key, the last one seen: what an upsert of every column keeps when applied in order. */
export const lastByKey = <R>(items: Iterable<R>, key: (item: R) => string): R[] => [
  ...new Map([...items].map((item) => [key(item), item] as const)).values(),
];
