import { DomainError } from '@coe/platform';

export type BusinessDateErrorCode = 'BUSINESS_DATE_IN_FUTURE';

/** A fact dated after the day it was recorded; the DTOs catch it first, the deciders guard it anyway. */
export class BusinessDateError extends DomainError<BusinessDateErrorCode> {}

/** Throws BUSINESS_DATE_IN_FUTURE when `date` (YYYY-MM-DD) is after `today`; ISO dates compare as strings. */
export const assertNotAfterToday = (field: string, date: string, today: string): void => {
  if (date > today) {
    const message = `must not be after today (${today}, UTC)`;
    throw new BusinessDateError('BUSINESS_DATE_IN_FUTURE', `${field} ${date} is after today (${today}).`, {
      errors: [{ field, message }],
    });
  }
};

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The same day `months` calendar months later, clamped to the month's last day (31 Jan + 1 month =
 * 28 or 29 Feb), so "within one month of arrival" and "12-month rotation" follow the calendar.
 */
export const addMonths = (date: string, months: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1)}-${pad(Math.min(day, lastDay))}`;
};

/** The later of two ISO dates. */
export const laterOf = (a: string, b: string): string => (a > b ? a : b);
