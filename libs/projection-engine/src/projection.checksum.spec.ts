import { canonicalDump, checksumOf } from './projection.checksum';

describe('read model checksum', () => {
  const claims = { table: 'claims', rows: ['(c-1,IND,100.00)', '(c-2,BGD,50.00)'] };
  const payments = { table: 'payments', rows: ['(p-1,IND,40.00)'] };

  it('does not depend on the order rows or tables were read in', () =>
    expect(checksumOf([payments, { table: 'claims', rows: ['(c-2,BGD,50.00)', '(c-1,IND,100.00)'] }])).toBe(
      checksumOf([claims, payments]),
    ));

  it('changes when one value changes', () =>
    expect(
      checksumOf([{ table: 'claims', rows: ['(c-1,IND,100.01)', '(c-2,BGD,50.00)'] }, payments]),
    ).not.toBe(checksumOf([claims, payments])));

  it('changes when a row moves to another table', () =>
    expect(
      checksumOf([
        { table: 'claims', rows: claims.rows.slice(0, 1) },
        { table: 'payments', rows: [...payments.rows, claims.rows[1]!] },
      ]),
    ).not.toBe(checksumOf([claims, payments])));

  it('tells an empty table from a missing row', () =>
    expect(checksumOf([{ table: 'claims', rows: [] }])).not.toBe(
      checksumOf([{ table: 'claims', rows: [''] }]),
    ));

  it('sorts by code unit, not by a locale', () =>
    expect(canonicalDump([{ table: 't', rows: ['b', 'B', 'a', 'A'] }])).toBe('# t (4)\nA\nB\na\nb'));

  it('is the md5 of the canonical dump', () =>
    expect(checksumOf([{ table: 't', rows: [] }])).toBe('2c8d6ab36a287cbd26640c8088862664'));
});
