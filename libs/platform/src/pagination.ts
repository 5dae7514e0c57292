import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 50;

/** A page of a list: its items, which page, its size, and how many items there are in all. */
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export type PageRequest = { page: number; pageSize: number };

type PageQueryClass = new () => { page?: number; pageSize?: number };

/**
 * The one pagination DTO: `?page=1&pageSize=50`, pages counting from 1, at most `maxPageSize` a page.
 * Each service states its own largest page (force generation 200, reimbursement 500), so every route
 * keeps the limit it has always had.
 */
export const pageQueryUpTo = (maxPageSize: number): PageQueryClass => {
  class PageQuery {
    @ApiPropertyOptional({ minimum: 1, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    page?: number;

    @ApiPropertyOptional({ minimum: 1, maximum: maxPageSize, default: DEFAULT_PAGE_SIZE })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxPageSize)
    pageSize?: number;
  }
  return PageQuery;
};

/** The page asked for, the defaults filled in. */
export const pageRequest = (query: { page?: number; pageSize?: number }): PageRequest => ({
  page: query.page ?? 1,
  pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
});
