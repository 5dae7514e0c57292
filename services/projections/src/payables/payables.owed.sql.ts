import { AGING_BUCKETS, agingBucketSql } from './payables.aging';

// The credit rule of @coe/payables offsetCredits, in SQL for the reports, so only sums leave the database.
// payables.owed.int.spec.ts compares the two on generated balances: they cannot drift apart.

/**
 * Credits offset as offsetCredits offsets them: per mission and contributor, the credits (a negative
 * outstanding) absorb the payables (a positive one) oldest first (certification date, month served,
 * reference), the oldest credit used first. In running sums: a payable owes what of it lies past the
 * first C dollars of its group's payables (C: the group's credits), a credit keeps what of it lies past
 * the first P dollars of its group's credits (P: the group's payables).
 *
 * `balances` names a relation with claim_id, claim_ref, mission, contributor, period, certified_on,
 * age_days and outstanding (amount less what payments settled): a materialized CTE, or its expressions
 * are computed once per window function. Each payable and credit (settled claims
 * owe and offset nothing, so they are left out) with `owed` (0 for a credit) and `unused` (0 for a payable).
 */
export const offsetCreditsSql = (balances: string): string => `
  select claim_id, claim_ref, mission, contributor, period, certified_on, age_days, outstanding,
    case when outstanding > 0 then greatest(0, least(amount, through - (side_total - net))) else 0 end as owed,
    case when outstanding < 0 then greatest(0, least(amount, through - (side_total + net))) else 0 end as unused
  from (
    select b.claim_id, b.claim_ref, b.mission, b.contributor, b.period, b.certified_on, b.age_days,
      b.outstanding, abs(b.outstanding) as amount,
      sum(abs(b.outstanding)) over (partition by b.mission, b.contributor, b.outstanding > 0
        order by b.certified_on, b.period collate "C", b.claim_ref collate "C" rows unbounded preceding) as through,
      sum(abs(b.outstanding)) over (partition by b.mission, b.contributor, b.outstanding > 0) as side_total,
      sum(b.outstanding) over (partition by b.mission, b.contributor) as net
    from ${balances} b where b.outstanding <> 0
  ) s`;

/**
 * Per contributor with a payable or a credit in `balances` (as offsetCreditsSql): the credits no payable
 * absorbed (`creditsUsd`), what is owed once they are offset (`owedUsd`) and that split by the claims' age
 * (`aging`, every bucket in order). Only the missions and contributors with a credit go through the running
 * sums of offsetCreditsSql (a sort of their claims); in the others, the great majority, every payable owes
 * what is outstanding on it: on ten years the claims open on a late date were sorted, 1,121 of them, for
 * the few groups with a credit.
 */
export const owedByContributorSql = (balances: string): string => {
  const credited = (negate: string) => `${negate} exists (
      select 1 from ${balances} x where x.mission = b.mission and x.contributor = b.contributor and x.outstanding < 0)`;
  return `
  select contributor, sum(unused)::numeric(16, 2)::text as "creditsUsd",
    sum(owed)::numeric(16, 2)::text as "owedUsd",
    json_build_object(${AGING_BUCKETS.map(
      (b) => `'${b}', coalesce(sum(owed) filter (where bucket = '${b}'), 0)::numeric(16, 2)::text`,
    ).join(', ')}) as aging
  from (
    select o.contributor, o.owed, o.unused, ${agingBucketSql('o.age_days')} as bucket
    from (${offsetCreditsSql(`(select b.* from ${balances} b where ${credited('')})`)}) o
    union all
    select b.contributor, b.outstanding, 0, ${agingBucketSql('b.age_days')}
    from ${balances} b where b.outstanding > 0 and ${credited('not')}
  ) a
  group by contributor`;
};
