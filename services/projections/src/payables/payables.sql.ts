import type { PoolClient, Pool } from 'pg';
import type { VersionTables } from '../projection/projection.definition';
import type { CertifiedByCategory, ClaimBalance, PaidByContributor } from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;

/**
 * Each claim certified by `asOf` with its balance: its amount less the allocations of payments made on or
 * before `asOf` (a payment settles claims as CONTRACT.md 4.3 says; the allocations record how). Credits are
 * offset afterwards, in payables.report.ts.
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
    where p.paid_on <= $1::date
    group by a.claim_id
  ) s on s.claim_id = c.claim_id
  where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2)`;

/** Every claim's balance as of `asOf`, and payments by contributor. */
export const readPayables = async (
  db: Pool | PoolClient,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
): Promise<{ claims: ClaimBalance[]; paid: PaidByContributor[]; categories: CertifiedByCategory[] }> => {
  const claims = await db.query<ClaimBalance>(
    `${claimBalancesSql(tables)} order by c.certified_on, c.period, c.claim_ref`,
    [asOf, contributor],
  );
  const paid = await db.query<PaidByContributor>(
    `select contributor, sum(amount_usd)::text as "paidUsd" from ${tables.payments}
     where paid_on <= $1::date and ($2::text is null or contributor = $2)
     group by contributor`,
    [asOf, contributor],
  );
  // a claim projected before components were kept has none: its category stands for the whole
  const categories = await db.query<CertifiedByCategory>(
    `select c.contributor, coalesce(k.component, c.category) as category,
       sum(coalesce(k.amount_usd, c.amount_usd))::text as "certifiedUsd"
     from ${tables.claims} c left join ${tables.claim_components} k on k.claim_id = c.claim_id
     where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2)
     group by 1, 2`,
    [asOf, contributor],
  );
  return { claims: claims.rows, paid: paid.rows, categories: categories.rows };
};
