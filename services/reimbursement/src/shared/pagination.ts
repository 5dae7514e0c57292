import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 500;

/** `?page=1&pageSize=50`: pages count from 1. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** `limit` / `offset` SQL parameters of a page request. */
export const pageOf = (query: PageQuery): { page: number; pageSize: number; offset: number } => {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
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
