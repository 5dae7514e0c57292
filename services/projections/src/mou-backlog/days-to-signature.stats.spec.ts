import { averageOf, daysToSignatureByYear, medianOf } from './days-to-signature.stats';

describe('days to signature', () => {
  describe('median', () => {
    it('is the middle value of an odd count', () => expect(medianOf([900, 10, 300])).toBe(300));
    it('is the mean of the two middle values of an even count', () =>
      expect(medianOf([10, 400, 301, 5])).toBe(155.5));
    it('of one value is that value', () => expect(medianOf([42])).toBe(42));
  });

  describe('average', () => {
    it('is rounded to 2 decimals', () => expect(averageOf([1, 1, 2])).toBe(1.33));
    it('rounds half up in decimal, not in binary floating point', () =>
      expect(averageOf([1.005])).toBe(1.01));
    it('rounds 2/3 up', () => expect(averageOf([0, 1, 1])).toBe(0.67));
  });

  it('groups by year of full signature, years ascending', () =>
    expect(
      daysToSignatureByYear([
        { year: 2019, days: 100 },
        { year: 2017, days: 646 },
        { year: 2019, days: 0 },
        { year: 2019, days: 300 },
        { year: 2019, days: 911 },
      ]),
    ).toEqual([
      { year: 2017, signed: 1, averageDays: 646, medianDays: 646, maxDays: 646 },
      { year: 2019, signed: 4, averageDays: 327.75, medianDays: 200, maxDays: 911 },
    ]));

  it('has no year when nothing was signed', () => expect(daysToSignatureByYear([])).toEqual([]));
});
