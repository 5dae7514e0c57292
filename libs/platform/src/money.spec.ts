import Decimal from 'decimal.js';
import { formatUsd, parseUsd } from './money';

describe('formatUsd', () => {
  it.each([
    ['1428', '1428.00'],
    ['1428.5', '1428.50'],
    ['0.005', '0.01'],
    ['0.004', '0.00'],
    ['2.675', '2.68'],
    ['-2.675', '-2.68'],
    ['-0.001', '0.00'],
    ['9999999999999.99', '9999999999999.99'],
  ])('writes %s as %s', (input, expected) => expect(formatUsd(new Decimal(input))).toBe(expected));

  it('adds cents exactly where binary floats do not', () =>
    expect(formatUsd(new Decimal('0.1').plus('0.2'))).toBe('0.30'));

  it('refuses NaN and infinity', () => {
    expect(() => formatUsd(new Decimal(NaN))).toThrow(RangeError);
    expect(() => formatUsd(new Decimal(Infinity))).toThrow(RangeError);
  });
});

describe('parseUsd', () => {
  it.each(['1428.00', '1428', '0.5', '-12.30', '0'])('reads %s', (text) =>
    expect(parseUsd(text).equals(new Decimal(text))).toBe(true),
  );

  it.each(['1.005', '1e3', '', ' 1.00', '1,000.00', 'NaN', '12345678901234'])('refuses %p', (text) =>
    expect(() => parseUsd(text)).toThrow(expect.objectContaining({ code: 'INVALID_MONEY_AMOUNT' })),
  );

  it('round-trips through formatUsd', () => expect(formatUsd(parseUsd('1428.5'))).toBe('1428.50'));
});
