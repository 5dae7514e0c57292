// The one money module lives in the platform (libs/platform/src/money.ts); reimbursement's code reads it
// through this name.
export { minMoney, Money, money, roundToCent, sum, sumUsd, usd, ZERO } from '@coe/platform';
