import Decimal from 'decimal.js';

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
