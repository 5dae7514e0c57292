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

export { Decimal };
