import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { ProjectionDefinition } from './projection.definition';

/** A table of one version, by its base name (without `_v<n>`), with each row in PostgreSQL's text form. */
export type TableDump = { table: string; rows: readonly string[] };

/**
 * The canonical form of a read model: tables by base name, each row as text, rows sorted by code unit
 * (not by a collation, so two databases agree). Two versions holding the same facts give the same
 * md5, whatever order their consumers applied the events in.
 */
export const canonicalDump = (tables: readonly TableDump[]): string =>
  [...tables]
    .sort((a, b) => compare(a.table, b.table))
    .map(({ table, rows }) => [`# ${table} (${rows.length})`, ...[...rows].sort(compare)].join('\n'))
    .join('\n');

export const checksumOf = (tables: readonly TableDump[]): string =>
  createHash('md5').update(canonicalDump(tables), 'utf8').digest('hex');

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The tables of a version that exist (a version older than `rebuildWithout` lacks those), by base name. */
export const existingTables = async (
  tx: PoolClient,
  definition: ProjectionDefinition,
  tables: Readonly<Record<string, string>>,
): Promise<string[]> => {
  const names = Object.keys(definition.tables);
  const { rows } = await tx.query<{ present: boolean[] }>(
    `select array(select to_regclass(t) is not null from unnest($1::text[]) with ordinality u(t, i) order by i) as present`,
    [names.map((n) => tables[n])],
  );
  return names.filter((_, i) => rows[0]!.present[i]);
};

/**
 * Reads one version's tables (through the caller's transaction, so both versions share a snapshot): those
 * named in `only` (default: every table the version has).
 */
export const dumpVersion = async (
  tx: PoolClient,
  definition: ProjectionDefinition,
  tables: Readonly<Record<string, string>>,
  only?: readonly string[],
): Promise<TableDump[]> => {
  const dumps: TableDump[] = [];
  for (const table of only ?? (await existingTables(tx, definition, tables))) {
    const { rows } = await tx.query<{ row: string }>(`select t::text as row from ${tables[table]} t`);
    dumps.push({ table, rows: rows.map((r) => r.row) });
  }
  return dumps;
};
