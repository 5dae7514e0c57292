import { nextRef, refMatches } from './mou.refs';

describe('MOU references', () => {
  it('start at 01 for a mission and contributor without an MOU', () =>
    expect(nextRef([], 'MINUSMA', 'BGD')).toBe('DOS/MINUSMA/BGD/01'));

  it('take the number after the highest used, old DFS references included', () =>
    expect(
      nextRef(['DOS/MINUSMA/BGD/01', 'DFS/MINUSMA/BGD/07', 'DOS/MINUSMA/BGD/03'], 'MINUSMA', 'BGD'),
    ).toBe('DOS/MINUSMA/BGD/08'));

  it('ignore other missions, other contributors and free-form references', () =>
    expect(nextRef(['DOS/UNMISS/BGD/09', 'DOS/MINUSMA/NPL/09', 'MINUSMA-BGD-12'], 'MINUSMA', 'BGD')).toBe(
      'DOS/MINUSMA/BGD/01',
    ));

  it('go past 99 with three digits', () =>
    expect(nextRef(['DOS/MINUSMA/BGD/99'], 'MINUSMA', 'BGD')).toBe('DOS/MINUSMA/BGD/100'));

  it('belong to the mission and contributor they name', () => {
    expect(refMatches('DOS/MINUSMA/BGD/03', 'MINUSMA', 'BGD')).toBe(true);
    expect(refMatches('DOS/MINUSMA/BGD/03', 'MINUSMA', 'NPL')).toBe(false);
  });
});
