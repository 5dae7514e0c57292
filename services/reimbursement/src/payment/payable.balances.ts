import { type PayableBalance, offsetCredits } from '@coe/payables';
import { type Db, date, rows } from '../shared/sql';
import type { OutstandingClaim } from './payment.allocation';

// What is owed as the payment run and the payments import see it: every certified payable's balance
// (amount less what payments settled; negative for a credit), credits offset by the one rule that the
// payables report and the contributor statement apply too (@coe/payables offsetCredits).

const BALANCES = (schema: string) => `
  select claim_id as "claimId", claim_ref as "claimRef", mission, contributor, period,
    ${date('certified_on', '"certifiedOn"')}, (amount_usd - paid_usd)::numeric(16, 2)::text as "outstandingUsd"
  from ${schema}.claims where status = 'certified' and amount_usd <> paid_usd`;

/** What is owed on each payable certified on or before `onOrBefore`, credits certified by then offset. */
export const payablesOwed = async (db: Db, schema: string, onOrBefore: string): Promise<OutstandingClaim[]> =>
  offsetCredits(await rows<PayableBalance>(db, `${BALANCES(schema)} and certified_on <= $1`, [onOrBefore]))
    .payables;

/** Balances (before credits) of every certified payable of these payees (`MISSION|ISO3`) or with these references. */
export const payableBalancesOf = (
  db: Db,
  schema: string,
  payees: string[],
  refs: string[],
): Promise<PayableBalance[]> =>
  rows<PayableBalance>(
    db,
    `select claim_id as "claimId", claim_ref as "claimRef", mission, contributor, period,
       ${date('certified_on', '"certifiedOn"')}, (amount_usd - paid_usd)::numeric(16, 2)::text as "outstandingUsd"
     from ${schema}.claims
     where status = 'certified' and (mission || '|' || contributor = any($1::text[]) or claim_ref = any($2::text[]))`,
    [payees, refs],
  );
