import { money, roundToCent, sumUsd, usd } from './money';

describe('the rounding rule: each claim line to the cent, half-up', () => {
  it.each([
    ['16251.74784', '16251.75'],
    ['28085.394', '28085.39'],
    ['0.005', '0.01'],
    ['0.004999999', '0.00'],
    ['2.675', '2.68'],
    ['-0.005', '-0.01'],
    ['-173412.7488', '-173412.75'],
    ['1428', '1428.00'],
  ])('rounds %s to %s', (raw, rounded) => expect(usd(roundToCent(money(raw)))).toBe(rounded));

  it('writes minus zero as 0.00', () => expect(usd(money('-0.001'))).toBe('0.00'));

  it('adds amounts exactly where binary floats would not', () => {
    expect(sumUsd(['0.10', '0.20'])).toBe('0.30');
    expect(sumUsd(['9999999999999.99', '0.01'])).toBe('10000000000000.00');
  });

  // 1428 × 850 × 17 = 20,634,600; ÷ 31 = 665,632.2580…
  it('keeps enough digits through a division', () =>
    expect(usd(money('1428').times(850).times(17).dividedBy(31))).toBe('665632.26'));
});
