import { type ValidationOptions, ValidateBy, buildMessage } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
const ISO3 = /^[A-Z]{3}$/;
const MISSION_CODE = /^[A-Z]{2,12}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Today's date in UTC as `YYYY-MM-DD`. */
export const utcToday = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** True for a `YYYY-MM-DD` string naming a real calendar date (2020-02-29 yes, 2019-02-29 no). */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * True for a business date (CONTRACT.md section 3): a real calendar date as `YYYY-MM-DD`, not after
 * `today` (a Date, read in UTC, or a `YYYY-MM-DD` string).
 */
export const isBusinessDate = (value: unknown, today: Date | string): value is string =>
  isCalendarDate(value) && value <= (typeof today === 'string' ? today : utcToday(today));

export const isMoneyAmount = (value: unknown, options: { allowZero?: boolean } = {}): value is string =>
  typeof value === 'string' && MONEY.test(value) && (options.allowZero === true || /[1-9]/.test(value));

export const isIso3 = (value: unknown): value is string => typeof value === 'string' && ISO3.test(value);
export const isMissionCode = (value: unknown): value is string =>
  typeof value === 'string' && MISSION_CODE.test(value);
export const isPeriod = (value: unknown): value is string => typeof value === 'string' && PERIOD.test(value);

/**
 * True for an RFC 3339 instant: a calendar date, a time and an offset (`2019-10-31T23:59:59Z`,
 * `2019-10-31T12:00:00+02:00`). A bare date is not one: read as midnight it would silently answer for
 * the start of that day.
 */
export const isRfc3339Instant = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
};

/** A recorded instant in a request (`knownAt`, `recordedFrom`): RFC 3339 with a time and an offset. */
export const IsRfc3339Instant = (validationOptions?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRfc3339Instant',
      validator: {
        validate: (value) => isRfc3339Instant(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an RFC 3339 instant with a time and an offset, e.g. 2019-10-31T23:59:59Z (a date alone is not one)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

const businessDateProblem = (value: unknown, allowFuture: boolean): string => {
  if (typeof value !== 'string' || !DATE.test(value)) return 'must be a date written YYYY-MM-DD';
  if (!isCalendarDate(value)) return 'is not a calendar date';
  return allowFuture ? '' : `must not be after today (${utcToday()}, UTC)`;
};

/**
 * A business date: `YYYY-MM-DD`, a real calendar date, not after today in UTC (400 otherwise).
 * `{ allowFuture: true }` accepts any calendar date (planned dates, report parameters).
 */
export const IsBusinessDate = (
  options: { allowFuture?: boolean } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value) =>
          options.allowFuture ? isCalendarDate(value) : isBusinessDate(value, utcToday()),
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}$property ${businessDateProblem(args?.value, options.allowFuture === true)}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

/**
 * Money in a request (CONTRACT.md section 3): a JSON string, up to 13 digits and 2 decimals, above
 * zero unless `{ allowZero: true }`. A JSON number is refused: floats cannot hold cents exactly.
 */
export const IsMoneyAmount = (
  options: { allowZero?: boolean } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isMoneyAmount',
      validator: {
        validate: (value) => isMoneyAmount(value, options),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an amount in a string with at most 2 decimals, e.g. "1428.00"${
              options.allowZero ? '' : ', above zero'
            }`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

/** An ISO 3166-1 alpha-3 country code in capitals, e.g. `BGD`. */
export const IsIso3 = (validationOptions?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIso3',
      validator: {
        validate: isIso3,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 3166-1 alpha-3 code in capitals, e.g. "BGD"`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

/** A mission code: 2 to 12 capital letters, e.g. `MINUSMA`. */
export const IsMissionCode = (validationOptions?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isMissionCode',
      validator: {
        validate: isMissionCode,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a mission code of 2 to 12 capital letters, e.g. "MINUSMA"`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

/** A month as `YYYY-MM`, e.g. `2019-03`. */
export const IsPeriod = (validationOptions?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPeriod',
      validator: {
        validate: isPeriod,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a month written YYYY-MM, e.g. "2019-03"`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
