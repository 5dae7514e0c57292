import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsBusinessDate,
  IsIso3,
  IsMissionCode,
  IsMoneyAmount,
  IsPeriod,
  isBusinessDate,
  isCalendarDate,
  isIso3,
  isMissionCode,
  isMoneyAmount,
  isPeriod,
  isRfc3339Instant,
  utcToday,
} from './validators';

describe('isBusinessDate', () => {
  const today = '2026-11-26';

  it.each(['2020-02-29', '2000-02-29', '2019-03-14', '2026-11-26', '0001-01-01', '1999-12-31'])(
    'accepts %s',
    (date) => expect(isBusinessDate(date, today)).toBe(true),
  );

  it.each([
    ['2019-02-29', 'not a leap year'],
    ['1900-02-29', 'a century that is not a leap year'],
    ['2019-04-31', 'April has 30 days'],
    ['2019-13-01', 'no 13th month'],
    ['2019-00-10', 'no month 0'],
    ['2019-01-00', 'no day 0'],
    ['2019-1-01', 'month not zero-padded'],
    ['2019-01-1', 'day not zero-padded'],
    ['19-01-01', 'two-digit year'],
    ['2019/01/01', 'slashes'],
    ['2019-01-01T00:00:00Z', 'a timestamp'],
    [' 2019-01-01', 'white space'],
    ['2026-11-27', 'after today'],
    ['0000-01-01', 'year 0'],
  ])('rejects %s (%s)', (date) => expect(isBusinessDate(date, today)).toBe(false));

  it.each([20190101, null, undefined, {}])('rejects the non-string %p', (value) =>
    expect(isBusinessDate(value, today)).toBe(false),
  );

  it('reads a Date as today in UTC', () => {
    const lateEvening = new Date('2026-11-26T23:59:59Z');
    expect(isBusinessDate('2026-11-26', lateEvening)).toBe(true);
    expect(isBusinessDate('2026-11-27', lateEvening)).toBe(false);
    expect(utcToday(new Date('2026-11-27T00:00:00+01:00'))).toBe('2026-11-26');
  });

  it('tells a calendar date apart from a string that looks like one', () => {
    expect(isCalendarDate('2099-12-31')).toBe(true);
    expect(isCalendarDate('2021-02-29')).toBe(false);
  });
});

describe('isMoneyAmount', () => {
  it.each(['1428.00', '1428', '1428.5', '0.01', '9999999999999.99', '0001.00'])('accepts %s', (value) =>
    expect(isMoneyAmount(value)).toBe(true),
  );

  it.each([
    ['0', 'zero'],
    ['0.00', 'zero with decimals'],
    ['-1.00', 'negative'],
    ['1.005', 'three decimals'],
    ['1.', 'a dot without decimals'],
    ['.50', 'no integer part'],
    ['1,428.00', 'thousands separator'],
    ['1e3', 'exponent'],
    ['10000000000000.00', '14 integer digits'],
    [' 1.00', 'white space'],
  ])('rejects %s (%s)', (value) => expect(isMoneyAmount(value)).toBe(false));

  it('rejects a JSON number, even a round one', () => {
    expect(isMoneyAmount(1428)).toBe(false);
    expect(isMoneyAmount(1428.5)).toBe(false);
  });

  it('accepts zero when asked to', () => expect(isMoneyAmount('0.00', { allowZero: true })).toBe(true));
});

describe('codes', () => {
  it('ISO alpha-3: three capitals', () => {
    expect(['BGD', 'NPL', 'RWA'].every(isIso3)).toBe(true);
    expect(['bgd', 'BG', 'BGDX', 'B1D', ' BGD', 123].some(isIso3)).toBe(false);
  });

  it('mission code: 2 to 12 capitals', () => {
    expect(['UN', 'MINUSMA', 'MONUSCOABCDE'].every(isMissionCode)).toBe(true);
    expect(['M', 'MINUSMAMINUSM', 'Minusma', 'MINUS-MA', 'UNMISS2'].some(isMissionCode)).toBe(false);
  });

  it('period: YYYY-MM', () => {
    expect(['2019-01', '2019-12', '2026-11'].every(isPeriod)).toBe(true);
    expect(['2019-1', '2019-13', '2019-00', '201901', '2019-01-01'].some(isPeriod)).toBe(false);
  });
});

describe('isRfc3339Instant', () => {
  it('accepts an instant with a time and an offset', () =>
    expect(
      [
        '2019-10-31T23:59:59Z',
        '2019-10-31T12:00:00.123+02:00',
        '2019-10-31t00:00:00z',
        '2020-02-29T00:00:00-05:30',
      ].every(isRfc3339Instant),
    ).toBe(true));

  it('refuses a date alone, which would silently be read as midnight', () =>
    expect(isRfc3339Instant('2019-10-31')).toBe(false));

  it('refuses an instant without an offset, an impossible date or time, and a number', () =>
    expect(
      [
        '2019-10-31T23:59:59',
        '2019-02-29T00:00:00Z',
        '2019-10-31T24:00:00Z',
        '2019-10-31 23:59:59Z',
        1572566399000,
      ].some(isRfc3339Instant),
    ).toBe(false));
});

describe('the decorators', () => {
  class Request {
    @IsBusinessDate() signedOn!: string;
    @IsBusinessDate({ allowFuture: true }) plannedOn!: string;
    @IsMoneyAmount() amountUsd!: string;
    @IsIso3() contributor!: string;
    @IsMissionCode() mission!: string;
    @IsPeriod() period!: string;
  }
  const valid = {
    signedOn: '2019-03-14',
    plannedOn: '2099-01-01',
    amountUsd: '1428.00',
    contributor: 'BGD',
    mission: 'MINUSMA',
    period: '2019-03',
  };
  const failures = (body: object): Record<string, string[]> =>
    Object.fromEntries(
      validateSync(plainToInstance(Request, { ...valid, ...body })).map((e) => [
        e.property,
        Object.values(e.constraints ?? {}),
      ]),
    );

  it('pass a valid request', () => expect(failures({})).toEqual({}));

  it('say why a business date is refused', () => {
    expect(failures({ signedOn: '2019-1-01' }).signedOn).toEqual([
      'signedOn must be a date written YYYY-MM-DD',
    ]);
    expect(failures({ signedOn: '2019-02-29' }).signedOn).toEqual(['signedOn is not a calendar date']);
    expect(failures({ signedOn: '2999-01-01' }).signedOn?.[0]).toMatch(
      /^signedOn must not be after today \(\d{4}-\d\d-\d\d, UTC\)$/,
    );
    expect(failures({ plannedOn: '2999-02-29' }).plannedOn).toEqual(['plannedOn is not a calendar date']);
  });

  it('refuse money as a number, and the other codes', () =>
    expect(
      Object.keys(failures({ amountUsd: 12, contributor: 'bgd', mission: 'M', period: '2019-3' })).sort(),
    ).toEqual(['amountUsd', 'contributor', 'mission', 'period']));
});
