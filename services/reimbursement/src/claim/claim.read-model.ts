import { type Db, rows } from '../shared/sql';
import type { Claim } from './claim.decider';
import type { ClaimLine } from './claim.lines';
import type { RecordedClaim } from './claim.retroactive';

type Known = Exclude<Claim, { status: 'none' }>;

const rowOf = (claim: Known, version: bigint) => ({
  claim_id: claim.claimId,
  claim_ref: claim.claimRef,
  origin: claim.origin,
  mou_id: claim.mouId,
  mission: claim.mission,
  contributor: claim.contributor,
  category: claim.category,
  period: claim.period,
  status: claim.status,
  amount_usd: claim.amountUsd,
  prepared_on: claim.origin === 'imported' ? null : claim.preparedOn,
  prepared_by: claim.preparers[0] ?? null,
  certified_on: claim.certified?.certifiedOn ?? null,
  certified_by: claim.certified?.certifiedBy ?? null,
  adjusts_claim_id: claim.adjustsClaimId,
  lines: claim.lines,
  basis: claim.basis,
  voided_on: claim.voided?.voidedOn ?? null,
  voided_by: claim.voided?.voidedBy ?? null,
  void_reason: claim.voided?.reason ?? null,
  version: version.toString(),
});

const COLUMNS = `claim_id uuid, claim_ref text, origin text, mou_id text, mission text, contributor text, category text,
  period text, status text, amount_usd numeric, prepared_on date, prepared_by text, certified_on date,
  certified_by text, adjusts_claim_id uuid, lines jsonb, basis jsonb, voided_on date, voided_by text,
  void_reason text, version bigint`;
const NAMES = COLUMNS.split(',')
  .map((c) => c.trim().split(' ')[0])
  .join(', ');

/** Writes claims as their streams now stand (one statement for a whole import batch); `paid_usd` is kept. */
export const saveClaims = async (
  db: Db,
  schema: string,
  claims: { claim: Known; version: bigint }[],
): Promise<void> => {
  if (claims.length === 0) return;
  await db.query(
    `insert into ${schema}.claims as c (${NAMES})
     select ${NAMES} from jsonb_to_recordset($1::jsonb) as x(${COLUMNS})
     on conflict (claim_id) do update set status = excluded.status, amount_usd = excluded.amount_usd,
       certified_on = excluded.certified_on, certified_by = excluded.certified_by, lines = excluded.lines,
       basis = excluded.basis,
       -- a voided claim's month prepared afresh: the new preparation replaces the voided one
       prepared_on = case when c.status = 'voided' then excluded.prepared_on else c.prepared_on end,
       prepared_by = case when c.status = 'voided' then excluded.prepared_by else c.prepared_by end,
       voided_on = excluded.voided_on, voided_by = excluded.voided_by, void_reason = excluded.void_reason,
       version = excluded.version`,
    [JSON.stringify(claims.map(({ claim, version }) => rowOf(claim, version)))],
  );
};

/** Adds what payments settled to the claims they settled. */
export const addPaid = async (db: Db, schema: string, paid: Map<string, string>): Promise<void> => {
  if (paid.size === 0) return;
  await db.query(
    `update ${schema}.claims c set paid_usd = c.paid_usd + x.amount
       from jsonb_to_recordset($1::jsonb) as x(claim_id uuid, amount numeric) where c.claim_id = x.claim_id`,
    [JSON.stringify([...paid].map(([claim_id, amount]) => ({ claim_id, amount })))],
  );
};

export type ClaimRefRow = { claimId: string; claimRef: string };

export const claimsByRef = (db: Db, schema: string, refs: string[]): Promise<ClaimRefRow[]> =>
  rows<ClaimRefRow>(
    db,
    `select claim_id as "claimId", claim_ref as "claimRef" from ${schema}.claims where claim_ref = any($1::text[])`,
    [refs],
  );

/** The adjustment claims of a claim, oldest first, with their lines. */
export const adjustmentClaimsOf = (
  db: Db,
  schema: string,
  claimId: string,
): Promise<{ claimId: string; status: string; lines: ClaimLine[] }[]> =>
  rows(
    db,
    `select claim_id as "claimId", status, lines from ${schema}.claims where adjusts_claim_id = $1 order by length(claim_ref), claim_ref`,
    [claimId],
  );

/** Computed claims of months from `fromPeriod` on, and their adjustment claims, with their lines. */
export const computedClaimsFrom = (db: Db, schema: string, fromPeriod: string): Promise<RecordedClaim[]> =>
  rows<RecordedClaim>(
    db,
    `select claim_id as "claimId", claim_ref as "claimRef", origin, status, mou_id as "mouId", mission,
       contributor, period, adjusts_claim_id as "adjustsClaimId", lines
     from ${schema}.claims where origin in ('computed', 'adjustment') and period >= $1`,
    [fromPeriod],
  );
