import { type Db, date, rows } from '../shared/sql';
import type { PremiumGranted } from './premium.events';

export const recordPremiumGrant = async (db: Db, schema: string, g: PremiumGranted): Promise<void> => {
  await db.query(
    `insert into ${schema}.premium_grants (grant_id, mou_id, kind, pct, from_on, to_on, granted_on, granted_by, reference)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing`,
    [g.grantId, g.mouId, g.kind, g.pct, g.fromOn, g.toOn, g.grantedOn, g.grantedBy, g.reference],
  );
};

/** Every premium granted to an MOU's unit, by start date. */
export const loadPremiumGrants = async (db: Db, schema: string, mouId: string): Promise<PremiumGranted[]> =>
  rows<PremiumGranted>(
    db,
    `select grant_id as "grantId", mou_id as "mouId", kind, to_char(pct, 'FM990.00') as pct,
            ${date('from_on', '"fromOn"')}, ${date('to_on', '"toOn"')}, ${date('granted_on', '"grantedOn"')},
            granted_by as "grantedBy", reference
       from ${schema}.premium_grants where mou_id = $1 order by from_on, kind`,
    [mouId],
  );
