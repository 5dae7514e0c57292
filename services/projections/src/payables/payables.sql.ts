import type { PoolClient, Pool } from 'pg';
import {
  type VersionTables,
  heldAt,
  knownPeriodSumsAsOfSql,
  periodSumsAsOfSql,
  queryByTwoRanges,
} from '@coe/projection-engine';
import { payablesMeasures } from './payables.projection';
import { owedByContributorSql } from './payables.owed.sql';
import type {
  CertifiedByCategory,
  CertifiedByContributor,
  ContributorOwed,
  PaidByContributor,
  PayablesSums,
} from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;
export type CurrentPayablesTables = PayablesTables &
  VersionTables<'claim_open' | 'claim_settled' | 'payable_sums'>;

/**
 * Each claim certified by `asOf` with what payments made on or before `asOf` settled of it (a payment
 * settles claims as CONTRACT.md 4.3 says; the allocations record how), every row as known at the instant
 * `$3`. Credits are offset afterwards (payables.owed.sql.ts).
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
 * What payables sum to as of `asOf` (PayablesSums), as known at `knownAt` (RFC 3339): each claim's balance
 * with its credits offset in SQL (offsetCreditsSql), so only sums per contributor leave the database;
 * certified by component unless `categories` is false.
 */
export const readPayables = async (
  db: Pool,
  tables: PayablesTables,
  asOf: string,
  contributor: string | null,
  knownAt: string,
  { categories = true }: { categories?: boolean } = {},
): Promise<PayablesSums> => {
  const params = [asOf, contributor, knownAt];
  const [owed, certified, paid, byCategory] = await Promise.all([
    db.query<ContributorOwed>(
      `with b as materialized (select claim_id, claim_ref, mission, contributor, period, certified_on,
         ($1::date - certified_on) as age_days, amount_usd - settled as outstanding
       from (${balancesSql(tables)}) c)
       ${owedByContributorSql('b')}`,
      params,
    ),
    db.query<CertifiedByContributor>(
      `select contributor, sum(amount_usd)::text as "certifiedUsd" from ${tables.claims} c
       where certified_on <= $1::date and ($2::text is null or contributor = $2) and ${heldAt('c', '$3')}
       group by contributor`,
      params,
    ),
    db.query<PaidByContributor>(
      `select contributor, sum(amount_usd)::text as "paidUsd" from ${tables.payments} p
       where paid_on <= $1::date and ($2::text is null or contributor = $2) and ${heldAt('p', '$3')}
       group by contributor`,
      params,
    ),
    categories ? readCertifiedByCategory(db, tables, asOf, contributor, knownAt) : [],
  ]);
  return { owed: owed.rows, certified: certified.rows, paid: paid.rows, categories: byCategory };
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

/**
 * The same answer as readPayables, from the current state (as known now: the caller checks with
 * currentAt): the claims open on `asOf` from claim_open (one GiST lookup) with what the payments made by
 * then settled of them, their credits offset in SQL; certified, paid and (unless `categories` is false)
 * components from the period sums.
 */
export const readCurrentPayables = (
  db: Pool,
  t: CurrentPayablesTables,
  asOf: string,
  contributor: string | null,
  options: { categories?: boolean } = {},
): Promise<PayablesSums> => readDerivedPayables(db, t, asOf, contributor, null, options);

/**
 * The same answer as readPayables as known at `knownAt`, from the derived tables that keep what was held
 * over recorded time: claim_open_known (one GiST lookup on the open dates and the known span) and
 * payable_sums_known; the caller checks the version keeps them.
 */
export const readKnownPayables = (
  db: Pool,
  t: CurrentPayablesTables & VersionTables<'claim_open_known' | 'payable_sums_known'>,
  asOf: string,
  contributor: string | null,
  knownAt: string,
  options: { categories?: boolean } = {},
): Promise<PayablesSums> => readDerivedPayables(db, t, asOf, contributor, knownAt, options);

const readDerivedPayables = async (
  db: Pool,
  t: CurrentPayablesTables & Partial<VersionTables<'claim_open_known' | 'payable_sums_known'>>,
  asOf: string,
  contributor: string | null,
  knownAt: string | null,
  { categories = true }: { categories?: boolean } = {},
): Promise<PayablesSums> => {
  const m = payablesMeasures(t, knownAt !== null);
  const measures = categories ? [m.certified, m.component, m.paid] : [m.certified, m.paid];
  const [open, held, sumsSql, params] =
    knownAt === null
      ? [
          t.claim_open,
          '',
          periodSumsAsOfSql(t.payable_sums, measures, '($2::text is null or key = $2)'),
          [asOf, contributor],
        ]
      : [
          t.claim_open_known!,
          'o.known @> $3::timestamptz and',
          knownPeriodSumsAsOfSql(t.payable_sums_known!, measures, '$3', '($2::text is null or key = $2)'),
          [asOf, contributor, knownAt],
        ];
  // what the payments made by `asOf` settled: the running sum at the latest payment date by then (the
  // dates are sorted, '-infinity' first: width_bucket counts those on or before asOf, no sort per claim)
  const owedSql = `with b as materialized (
       select o.claim_id, o.claim_ref, o.mission, o.contributor, o.period, o.certified_on,
         ($1::date - o.certified_on) as age_days,
         o.amount_usd - o.settled_usd[width_bucket($1::date, o.paid_on)] as outstanding
       from ${open} o where ${held} o.open @> $1::date and ($2::text is null or o.contributor = $2))
     ${owedByContributorSql('b')}`;
  const [owed, { rows: sums }] = await Promise.all([
    // the claims open at `asOf` as known at an instant: both ranges through their GiST index (queryByTwoRanges)
    knownAt === null
      ? db.query<ContributorOwed>(owedSql, params)
      : queryByTwoRanges<ContributorOwed>(db, owedSql, params),
    db.query<{ measure: string; key: string; detail: string; amountUsd: string }>(sumsSql, params),
  ]);
  const of = (measure: string) => sums.filter((r) => r.measure === measure);
  return {
    owed: owed.rows,
    certified: of('certified').map((r) => ({ contributor: r.key, certifiedUsd: r.amountUsd })),
    paid: of('paid').map((r) => ({ contributor: r.key, paidUsd: r.amountUsd })),
    categories: of('component').map((r) => ({
      contributor: r.key,
      category: r.detail,
      certifiedUsd: r.amountUsd,
    })),
  };
};
