import { type Page, type PageQuery, pageOf, whereOf } from '../shared/pagination';
import { type Db, rows } from '../shared/sql';

// One read table for the payables recorded besides monthly claims: letters of assist, death-and-disability
// cases, hostile-action incidents. Each row keeps the aggregate's folded state as the API shows it.

export type PayableRecordKind = 'letter-of-assist' | 'death-and-disability' | 'hostile-action';

export type PayableRecordRow = {
  id: string;
  /** Unique per kind: the LOA reference, `<contributor>/<person reference>`, the incident reference. */
  ref: string;
  mission: string;
  contributor: string;
  status: string;
  datedOn: string;
  state: object;
  version: bigint;
};

export const savePayableRecord = async (
  db: Db,
  schema: string,
  kind: PayableRecordKind,
  r: PayableRecordRow,
): Promise<void> => {
  await db.query(
    `insert into ${schema}.payable_records (kind, id, ref, mission, contributor, status, dated_on, state, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (kind, id) do update set status = excluded.status, state = excluded.state, version = excluded.version`,
    [kind, r.id, r.ref, r.mission, r.contributor, r.status, r.datedOn, JSON.stringify(r.state), r.version],
  );
};

export const payableRecordIdByRef = async (
  db: Db,
  schema: string,
  kind: PayableRecordKind,
  ref: string,
): Promise<string | null> =>
  (
    await rows<{ id: string }>(db, `select id from ${schema}.payable_records where kind = $1 and ref = $2`, [
      kind,
      ref,
    ])
  )[0]?.id ?? null;

export type PayableRecordView = Record<string, unknown> & { contributor: string; version: number };

export const payableRecord = async (
  db: Db,
  schema: string,
  kind: PayableRecordKind,
  id: string,
): Promise<PayableRecordView | null> =>
  (
    await rows<{ view: PayableRecordView }>(
      db,
      `select state || jsonb_build_object('version', version) as view
         from ${schema}.payable_records where kind = $1 and id = $2`,
      [kind, id],
    )
  )[0]?.view ?? null;

export type PayableRecordFilter = { mission?: string; contributor?: string; status?: string };

/** Paged, oldest business date first, then reference. */
export const listPayableRecords = async (
  db: Db,
  schema: string,
  kind: PayableRecordKind,
  filter: PayableRecordFilter,
  page: PageQuery,
): Promise<Page<PayableRecordView>> => {
  const { where, values } = whereOf([
    ['kind = ?', kind],
    ['mission = ?', filter.mission],
    ['contributor = ?', filter.contributor],
    ['status = ?', filter.status],
  ]);
  const { offset, ...paging } = pageOf(page);
  const n = values.length;
  const table = `${schema}.payable_records`;
  const [items, [count]] = await Promise.all([
    rows<{ view: PayableRecordView }>(
      db,
      `select state || jsonb_build_object('version', version) as view from ${table}
        where ${where} order by dated_on, ref limit $${n + 1} offset $${n + 2}`,
      [...values, paging.pageSize, offset],
    ),
    rows<{ total: number }>(db, `select count(*)::int as total from ${table} where ${where}`, values),
  ]);
  return { items: items.map((r) => r.view), ...paging, total: count?.total ?? 0 };
};
