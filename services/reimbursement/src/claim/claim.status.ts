import { money } from '../shared/money';

/**
 * What a claim is shown as: `prepared` (awaiting certification), `voided` (withdrawn before it), `certified`
 * (a payable still owed something), `paid` (certified, nothing owed on it after payments and its payee's
 * credits, by the one credit rule offsetCredits).
 */
export type ClaimStatus = 'prepared' | 'certified' | 'paid' | 'voided';

/**
 * A certified claim is shown `paid` once nothing is owed on it after payments and credits; a credit (a
 * certified negative amount) is never owed anything and stays `certified`, its `creditUsd` saying what is left.
 */
export const shownStatus = (stored: ClaimStatus, amountUsd: string, outstandingUsd: string): ClaimStatus =>
  stored === 'certified' && money(amountUsd).greaterThan(0) && money(outstandingUsd).isZero()
    ? 'paid'
    : stored;
