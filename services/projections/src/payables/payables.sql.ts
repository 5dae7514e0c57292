import type { PoolClient, Pool } from 'pg';
import type { VersionTables } from '../projection/projection.definition';
import type { CertifiedByCategory, ClaimsByAge, PaidByContributor } from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;

/**
 * What each claim certified by `asOf` still owes: its amount less the allocations of payments made on or
 * before `asOf` (a payment settles claims as CONTRACT.md 4.3 says; the allocations record how).
 */
export const outstandingClaimsSql = ({ claims, payments, allocations }: PayablesTables): string => `
  select c.*, ($1::date - c.certified_on) as age_days,
    coalesce(s.settled, 0) as settled_usd, c.amount_usd - coalesce(s.settled, 0) as outstanding_usd
  from ${claims} c
  left join (
    select a.claim_id, sum(a.amount_usd) as settled
    from ${allocations} a join ${payments} p on p.payment_id = a.payment_id
    where p.paid_on <= $1::date
    group by a.claim_id
  ) s on s.claim_id = c.claim_id
  where c.certified_on <= $1::date and ($2::text is null or c.contributor = $2)`;

/** Certified and outstanding amounts by contributor and claim age, and payments by contributor. */
export const readPayables = async (
  db: Pool | PoolClient,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
): Promise<{ claims: ClaimsByAge[]; paid: PaidByContributor[]; categories: CertifiedByCategory[] }> => {
  const claims = await db.query<ClaimsByAge>(
    `select o.contributor, o.age_days as "ageDays", sum(o.amount_usd)::text as "certifiedUsd",
       sum(o.outstanding_usd)::text as "outstandingUsd"
     from (${outstandingClaimsSql(tables)}) o
     group by o.contributor, o.age_days`,
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
