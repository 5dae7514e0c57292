import { type Page, pageQueryUpTo, pageRequest } from '@coe/platform';

export const MAX_PAGE_SIZE = 500;

/** `?page=1&pageSize=50` on reimbursement's lists: the platform's pagination, up to 500 a page. */
export class PageQuery extends pageQueryUpTo(MAX_PAGE_SIZE) {}

export type { Page };

/** `limit` / `offset` SQL parameters of a page request. */
export const pageOf = (query: PageQuery): { page: number; pageSize: number; offset: number } => {
  const { page, pageSize } = pageRequest(query);
  return { page, pageSize, offset: (page - 1) * pageSize };
};

/** Builds `where` clauses from optional filters, numbering parameters from 1. */
export const whereOf = (filters: [sql: string, value: unknown][]): { where: string; values: unknown[] } => {
  const given = filters.filter(([, value]) => value !== undefined);
  return {
    where: given.length === 0 ? 'true' : given.map(([sql], i) => sql.replace('?', `$${i + 1}`)).join(' and '),
    values: given.map(([, value]) => value),
  };
};
