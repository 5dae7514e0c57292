import Decimal from 'decimal.js';
import { DomainError } from './problem';

const USD = /^-?\d{1,13}(\.\d{1,2})?$/;

/**
 * An amount as this API writes it: a string with exactly 2 decimals (`"1428.00"`). More precise
 * values are rounded half away from zero to the cent; `-0.00` is written `0.00`.
 */
export const formatUsd = (amount: Decimal.Value): string => {
  const value = new Decimal(amount);
  if (!value.isFinite()) throw new RangeError(`Not a finite amount: ${value.toString()}`);
  const text = value.toFixed(2, Decimal.ROUND_HALF_UP);
  return text === '-0.00' ? '0.00' : text;
};

/**
 * A decimal-string amount (up to 13 integer digits and 2 decimals, optionally negative) as a Decimal.
 * Anything else throws `INVALID_MONEY_AMOUNT` (400). Never pass a JavaScript number through here.
 */
export const parseUsd = (text: string): Decimal => {
  if (typeof text !== 'string' || !USD.test(text)) {
    throw new DomainError(
      'INVALID_MONEY_AMOUNT',
      `${JSON.stringify(text)} is not an amount: write a decimal string with at most 2 decimals, e.g. "1428.00".`,
    );
  }
  return new Decimal(text);
};

// Claims, payments and the cash pool: every amount through `Money`, rounded once per line.

/**
 * decimal.js with 40 significant digits, so a quotient (a part month, a shortfall ratio) never loses a
 * cent before the one rounding below. Every amount of this service goes through `Money`, never a number.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

/**
 * THE rounding rule of claims: every claim line is rounded to the cent, half-up (a tie goes away from
 * zero: 0.005 -> 0.01, -0.005 -> -0.01), once, after its whole formula; a claim's total is the sum of its
 * rounded lines, so it needs no rounding of its own.
 */
export const roundToCent = (amount: Money): Money => amount.toDecimalPlaces(2, Money.ROUND_HALF_UP);

/** An amount as every event and response writes it: exactly 2 decimals, `-0.00` written `0.00`. */
export const usd = (amount: Money): string => {
  const text = roundToCent(amount).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
};

export const money = (value: Decimal.Value): Money => new Money(value);

export const ZERO = new Money(0);

export const sum = (amounts: readonly Money[]): Money => amounts.reduce((total, a) => total.plus(a), ZERO);

/** Adds decimal strings (amounts already at the cent) exactly. */
export const sumUsd = (amounts: readonly string[]): string => usd(sum(amounts.map(money)));

export const minMoney = (a: Money, b: Money): Money => (a.lessThan(b) ? a : b);

export { Decimal };
