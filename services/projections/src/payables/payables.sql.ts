import type { PoolClient, Pool } from 'pg';
import { type VersionTables, heldAt } from '@coe/projection-engine';
import type { CertifiedByCategory, ClaimBalance, PaidByContributor } from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;

/**
 * Each claim certified by `asOf` with what payments made on or before `asOf` settled of it (a payment
 * settles claims as CONTRACT.md 4.3 says; the allocations record how), every row as known at the instant
 * `$3`. Credits are offset afterwards, in payables.report.ts.
 */
const balancesSql = ({ claims, payments, allocations }: PayablesTables): string => `
  select c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.certified_on,
    c.amount_usd, coalesce(s.settled, 0) as settled
  from ${claims} c
  left join (
    select a.claim_id, sum(a.amount_usd) as settled
    from ${allocations} a join ${payments} p on p.payment_id = a.payment_id
    where p.paid_on <= $1::date and ${heldAt('a', '$3')} and ${heldAt('p', '$3')}
    group by a.claim_id
  ) s on s.claim_id = c.claim_id
  where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2) and ${heldAt('c', '$3')}`;

export const BALANCE = `claim_id as "claimId", claim_ref as "claimRef", mission, contributor, category, period,
  to_char(certified_on, 'YYYY-MM-DD') as "certifiedOn", ($1::date - certified_on) as "ageDays",
  amount_usd::text as "amountUsd", settled::numeric(16, 2)::text as "settledUsd",
  (amount_usd - settled)::numeric(16, 2)::text as "outstandingUsd"`;

/** Every claim's balance, oldest first (the order payments and credits settle them). */
export const claimBalancesSql = (tables: PayablesTables): string =>
  `select ${BALANCE} from (${balancesSql(tables)}) b order by certified_on, period, claim_ref`;

/**
 * The claims with something outstanding (owed, or a credit) one by one, and the settled ones folded
 * into one row per contributor and mission: their amounts summed, nothing outstanding. A settled claim
 * owes nothing, offsets nothing and ages nothing, so a report of totals is the same either way, and a
 * decade of settled claims leaves the database as a few hundred sums instead of every claim.
 */
const foldedBalancesSql = (tables: PayablesTables): string => `
  with b as materialized (${balancesSql(tables)})
  select ${BALANCE} from b where amount_usd <> settled
  union all
  select 'settled:' || contributor || ':' || mission, 'settled', mission, contributor, min(category), max(period),
    to_char(max(certified_on), 'YYYY-MM-DD'), 0, sum(amount_usd)::text, sum(settled)::numeric(16, 2)::text,
    '0.00'
  from b where amount_usd = settled group by contributor, mission`;

/**
 * Every claim's balance as of `asOf` (`settled: 'folded'`: the settled ones as sums, see
 * foldedBalancesSql), payments by contributor and, unless `categories` is false, certified amounts by
 * contributor and component, as known at `knownAt` (RFC 3339).
 */
export const readPayables = async (
  db: Pool | PoolClient,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
  knownAt: string,
  { settled = 'each', categories = true }: { settled?: 'each' | 'folded'; categories?: boolean } = {},
): Promise<{ claims: ClaimBalance[]; paid: PaidByContributor[]; categories: CertifiedByCategory[] }> => {
  const claims = await db.query<ClaimBalance>(
    settled === 'folded' ? foldedBalancesSql(tables) : claimBalancesSql(tables),
    [asOf, contributor, knownAt],
  );
  const paid = await db.query<PaidByContributor>(
    `select contributor, sum(amount_usd)::text as "paidUsd" from ${tables.payments} p
     where paid_on <= $1::date and ($2::text is null or contributor = $2) and ${heldAt('p', '$3')}
     group by contributor`,
    [asOf, contributor, knownAt],
  );
  if (!categories) return { claims: claims.rows, paid: paid.rows, categories: [] };
  const byCategory = await readCertifiedByCategory(db, tables, asOf, contributor, knownAt);
  return { claims: claims.rows, paid: paid.rows, categories: byCategory };
};

/** Certified amounts by contributor and component as of `asOf`, as known at `knownAt`. */
export const readCertifiedByCategory = async (
  db: Pool | PoolClient,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
  knownAt: string,
): Promise<CertifiedByCategory[]> => {
  // a claim projected before components were kept has none: its category stands for the whole
  const { rows } = await db.query<CertifiedByCategory>(
    `select c.contributor, coalesce(k.component, c.category) as category,
       sum(coalesce(k.amount_usd, c.amount_usd))::text as "certifiedUsd"
     from ${tables.claims} c
       left join ${tables.claim_components} k on k.claim_id = c.claim_id
         and k.known_from_position = c.known_from_position
     where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2) and ${heldAt('c', '$3')}
     group by 1, 2`,
    [asOf, contributor, knownAt],
  );
  return rows;
};
