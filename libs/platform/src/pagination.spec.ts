import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { pageQueryUpTo, pageRequest } from './pagination';

describe('the pagination DTO', () => {
  class UpTo200 extends pageQueryUpTo(200) {}
  const problems = (query: Record<string, string>) =>
    validateSync(plainToInstance(UpTo200, query)).map((error) => error.property);

  it('takes a page and a page size up to the largest page, from query strings', () => {
    expect(problems({ page: '3', pageSize: '200' })).toEqual([]);
    expect(pageRequest(plainToInstance(UpTo200, { page: '3', pageSize: '200' }))).toEqual({
      page: 3,
      pageSize: 200,
    });
  });

  it('refuses a page size over the largest page, a page 0 and a fraction', () => {
    expect(problems({ pageSize: '201' })).toEqual(['pageSize']);
    expect(problems({ page: '0' })).toEqual(['page']);
    expect(problems({ page: '1.5' })).toEqual(['page']);
  });

  it('reads page 1 of 50 when nothing is asked', () => {
    expect(pageRequest(plainToInstance(UpTo200, {}))).toEqual({ page: 1, pageSize: 50 });
  });

  it('keeps each service its own largest page', () => {
    class UpTo500 extends pageQueryUpTo(500) {}
    expect(validateSync(plainToInstance(UpTo500, { pageSize: '500' }))).toEqual([]);
    expect(problems({ pageSize: '500' })).toEqual(['pageSize']);
  });
});
