import { csvCell } from './audit.serialize';

describe('CSV export cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('neutralises a formula %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('quotes commas, quotes and new lines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('writes objects as JSON and nothing for null', () => {
    expect(csvCell({ amountUsd: '1428.00' })).toBe('"{""amountUsd"":""1428.00""}"');
    expect(csvCell(null)).toBe('');
  });
});
