import { type Page, type PageRequest, pageQueryUpTo, pageRequest } from '@coe/platform';
import type { Pool } from 'pg';

export const MAX_PAGE_SIZE = 200;

/** `?page=1&pageSize=50` on force generation's lists: the platform's pagination, up to 200 a page. */
export class PageQuery extends pageQueryUpTo(MAX_PAGE_SIZE) {}

export { type Page, type PageRequest, pageRequest };

/** `column = $n` for each filter given, joined with AND (`true` when none); columns are ours, never input. */
export const whereOf = (
  filters: [column: string, value: string | undefined][],
): { where: string; params: string[] } => {
  const given = filters.filter((filter): filter is [string, string] => filter[1] !== undefined);
  return {
    where: given.length === 0 ? 'true' : given.map(([column], i) => `${column} = $${i + 1}`).join(' and '),
    params: given.map(([, value]) => value),
  };
};

/** A page of a read table's `state` column, ordered by `seq` (the order rows were first written). */
export const selectPage = async <T>(
  pool: Pool,
  table: string,
  filters: [column: string, value: string | undefined][],
  { page, pageSize }: PageRequest,
): Promise<Page<T>> => {
  const { where, params } = whereOf(filters);
  const n = params.length;
  const [rows, count] = await Promise.all([
    pool.query<{ state: T }>(
      `select state from ${table} where ${where} order by seq limit $${n + 1} offset $${n + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    ),
    pool.query<{ total: string }>(`select count(*) as total from ${table} where ${where}`, params),
  ]);
  return {
    items: rows.rows.map((row) => row.state),
    page,
    pageSize,
    total: Number(count.rows[0]?.total ?? 0),
  };
};
