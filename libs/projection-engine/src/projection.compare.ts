import { escapeIdentifier, escapeLiteral, type PoolClient } from 'pg';
import { existingTables } from './projection.checksum';
import type { ProjectionDefinition } from './projection.definition';

/** A row's columns in PostgreSQL's text form (money stays a decimal string), null for SQL null. */
export type RowValues = Record<string, string | null>;

export type RowDifference =
  | { table: string; kind: 'only-in-live'; key: RowValues; live: RowValues }
  | { table: string; kind: 'only-in-replay'; key: RowValues; replay: RowValues }
  | {
      table: string;
      kind: 'different';
      key: RowValues;
      columns: { column: string; live: string | null; replay: string | null }[];
    };

export type TableComparison = {
  table: string;
  liveRows: number;
  replayRows: number;
  onlyInLive: number;
  onlyInReplay: number;
  different: number;
};

export type Comparison = {
  identical: boolean;
  tables: TableComparison[];
  /** Every difference found; `differences` holds the first `limit` of them, by table then key. */
  differencesTotal: number;
  differences: RowDifference[];
};

type Shape = { columns: string[]; key: string[] };

/**
 * Compares two versions of a read model row by row, matching rows by primary key, through the caller's
 * transaction (a repeatable-read snapshot, so neither version moves while it is read). Values are
 * compared in their text form, which is exact for every type the read models use.
 */
export const compareVersions = async (
  tx: PoolClient,
  definition: ProjectionDefinition,
  live: Readonly<Record<string, string>>,
  replay: Readonly<Record<string, string>>,
  limit: number,
): Promise<Comparison> => {
  const tables: TableComparison[] = [];
  const differences: RowDifference[] = [];
  // a live version built before tables were added (rebuildWithout) compares on the tables it has
  for (const table of (await existingTables(tx, definition, live)).sort()) {
    const shape = await shapeOf(tx, live[table]!);
    const joined = joinedRows(shape, live[table]!, replay[table]!);
    const { rows: counts } = await tx.query<Omit<TableComparison, 'table'>>(
      `with j as (${joined}) select
         count(*) filter (where in_live)::int as "liveRows",
         count(*) filter (where in_replay)::int as "replayRows",
         count(*) filter (where not in_replay)::int as "onlyInLive",
         count(*) filter (where not in_live)::int as "onlyInReplay",
         count(*) filter (where in_live and in_replay and live <> replay)::int as "different"
       from j`,
    );
    const comparison = { table, ...counts[0]! };
    tables.push(comparison);
    const found = comparison.onlyInLive + comparison.onlyInReplay + comparison.different;
    const room = limit - differences.length;
    if (found === 0 || room <= 0) continue;
    const order = shape.key.map((_, i) => `k${i}`).join(', ');
    const { rows } = await tx.query<{
      in_live: boolean;
      in_replay: boolean;
      live: RowValues;
      replay: RowValues;
    }>(
      `with j as (${joined}) select in_live, in_replay, live, replay from j
       where not (in_live and in_replay) or live <> replay order by ${order} limit $1`,
      [room],
    );
    differences.push(...rows.map((row) => difference(table, shape, row)));
  }
  const differencesTotal = tables.reduce((sum, t) => sum + t.onlyInLive + t.onlyInReplay + t.different, 0);
  return { identical: differencesTotal === 0, tables, differencesTotal, differences };
};

/** Columns in table order and the primary key's columns in key order, from the catalog. */
const shapeOf = async (tx: PoolClient, table: string): Promise<Shape> => {
  const { rows } = await tx.query<{ name: string; key_position: number | null }>(
    `select a.attname as name, array_position(i.indkey::int2[], a.attnum) as key_position
     from pg_attribute a
     left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
     order by a.attnum`,
    [table],
  );
  const key = rows
    .filter((r) => r.key_position !== null)
    .sort((a, b) => a.key_position! - b.key_position!)
    .map((r) => r.name);
  if (key.length === 0) throw new Error(`${table} has no primary key to match rows by`);
  return { columns: rows.map((r) => r.name), key };
};

/** Both versions' rows side by side (full join on the key), each as { column: text value }. */
const joinedRows = ({ columns, key }: Shape, live: string, replay: string): string => {
  const values = (alias: string) =>
    `jsonb_build_object(${columns.map((c) => `${escapeLiteral(c)}, ${alias}.${escapeIdentifier(c)}::text`).join(', ')})`;
  const first = escapeIdentifier(key[0]!);
  return `select l.${first} is not null as in_live, r.${first} is not null as in_replay,
      ${values('l')} as live, ${values('r')} as replay,
      ${key.map((k, i) => `coalesce(l.${escapeIdentifier(k)}, r.${escapeIdentifier(k)}) as k${i}`).join(', ')}
    from ${live} l full join ${replay} r
      on ${key.map((k) => `l.${escapeIdentifier(k)} = r.${escapeIdentifier(k)}`).join(' and ')}`;
};

const difference = (
  table: string,
  { columns, key }: Shape,
  row: { in_live: boolean; in_replay: boolean; live: RowValues; replay: RowValues },
): RowDifference => {
  const present = row.in_live ? row.live : row.replay;
  const keyValues = Object.fromEntries(key.map((k) => [k, present[k] ?? null]));
  if (!row.in_replay) return { table, kind: 'only-in-live', key: keyValues, live: row.live };
  if (!row.in_live) return { table, kind: 'only-in-replay', key: keyValues, replay: row.replay };
  return {
    table,
    kind: 'different',
    key: keyValues,
    columns: columns
      .filter((c) => row.live[c] !== row.replay[c])
      .map((c) => ({ column: c, live: row.live[c] ?? null, replay: row.replay[c] ?? null })),
  };
};
