import { type Db, date, rows } from '../shared/sql';
import type { RateTableVersionIssued } from './rate-table.events';

export const recordRateTableVersion = async (
  db: Db,
  schema: string,
  v: RateTableVersionIssued,
): Promise<void> => {
  await db.query(
    `insert into ${schema}.rate_table_versions (table_id, version, kind, effective_from, issued_on, "values")
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
    [v.tableId, v.version, v.values.kind, v.effectiveFrom, v.issuedOn, JSON.stringify(v.values)],
  );
};

type Row = { table_id: string; version: number; effective_from: string; issued_on: string; values: unknown };

const toVersion = (r: Row): RateTableVersionIssued => ({
  tableId: r.table_id,
  version: r.version,
  effectiveFrom: r.effective_from,
  issuedOn: r.issued_on,
  values: r.values as RateTableVersionIssued['values'],
});

/** Every version of every table (a few dozen rows): what claims and payment runs look rates up in. */
export const loadRateTableVersions = async (
  db: Db,
  schema: string,
  tableId?: string,
): Promise<RateTableVersionIssued[]> =>
  (
    await rows<Row>(
      db,
      `select table_id, version, ${date('effective_from')}, ${date('issued_on')}, "values"
         from ${schema}.rate_table_versions where $1::text is null or table_id = $1 order by table_id, version`,
      [tableId ?? null],
    )
  ).map(toVersion);
