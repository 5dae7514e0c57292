import type { PoolClient, Pool } from 'pg';
import { type VersionTables, heldAt } from '@coe/projection-engine';
import type { CertifiedByCategory, ClaimBalance, PaidByContributor } from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;

/**
 * Each claim certified by `asOf` with its balance: its amount less the allocations of payments made on or
 * before `asOf` (a payment settles claims as CONTRACT.md 4.3 says; the allocations record how), every row
 * as known at the instant `$3`. Credits are offset afterwards, in payables.report.ts.
 */
export const claimBalancesSql = ({ claims, payments, allocations }: PayablesTables): string => `
  select c.claim_id as "claimId", c.claim_ref as "claimRef", c.mission, c.contributor, c.category, c.period,
    to_char(c.certified_on, 'YYYY-MM-DD') as "certifiedOn", ($1::date - c.certified_on) as "ageDays",
    c.amount_usd::text as "amountUsd", coalesce(s.settled, 0)::numeric(16, 2)::text as "settledUsd",
    (c.amount_usd - coalesce(s.settled, 0))::numeric(16, 2)::text as "outstandingUsd"
  from ${claims} c
  left join (
    select a.claim_id, sum(a.amount_usd) as settled
    from ${allocations} a join ${payments} p on p.payment_id = a.payment_id
    where p.paid_on <= $1::date and ${heldAt('a', '$3')} and ${heldAt('p', '$3')}
    group by a.claim_id
  ) s on s.claim_id = c.claim_id
  where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2) and ${heldAt('c', '$3')}`;

/** Every claim's balance as of `asOf`, and payments by contributor, as known at `knownAt` (RFC 3339). */
export const readPayables = async (
  db: Pool | PoolClient,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
  knownAt: string,
): Promise<{ claims: ClaimBalance[]; paid: PaidByContributor[]; categories: CertifiedByCategory[] }> => {
  const claims = await db.query<ClaimBalance>(
    `${claimBalancesSql(tables)} order by c.certified_on, c.period, c.claim_ref`,
    [asOf, contributor, knownAt],
  );
  const paid = await db.query<PaidByContributor>(
    `select contributor, sum(amount_usd)::text as "paidUsd" from ${tables.payments} p
     where paid_on <= $1::date and ($2::text is null or contributor = $2) and ${heldAt('p', '$3')}
     group by contributor`,
    [asOf, contributor, knownAt],
  );
  // a claim projected before components were kept has none: its category stands for the whole
  const categories = await db.query<CertifiedByCategory>(
    `select c.contributor, coalesce(k.component, c.category) as category,
       sum(coalesce(k.amount_usd, c.amount_usd))::text as "certifiedUsd"
     from ${tables.claims} c
       left join ${tables.claim_components} k on k.claim_id = c.claim_id
         and k.known_from_position = c.known_from_position
     where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2) and ${heldAt('c', '$3')}
     group by 1, 2`,
    [asOf, contributor, knownAt],
  );
  return { claims: claims.rows, paid: paid.rows, categories: categories.rows };
};
