import type { PoolClient, Pool } from 'pg';
import { Decimal, formatUsd } from '@coe/platform';
import { type VersionTables, heldAt, periodSumsAsOfSql } from '@coe/projection-engine';
import { payablesMeasures } from './payables.projection';
import type { CertifiedByCategory, ClaimBalance, PaidByContributor } from './payables.report';

export type PayablesTables = VersionTables<'claims' | 'claim_components' | 'payments' | 'allocations'>;
export type CurrentPayablesTables = PayablesTables & VersionTables<'claim_open' | 'payable_sums'>;

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

/**
 * The same answer as readPayables with `settled: 'folded'`, from the current state (as known now: the
 * caller checks with currentAt): the claims open on `asOf` from claim_open (one GiST lookup) with what the
 * payments made by then settled of them, and the rest of each contributor's certified amount (period sums
 * less the open claims) folded into one settled row; payments and components from the period sums.
 */
export const readCurrentPayables = async (
  db: Pool | PoolClient,
  t: CurrentPayablesTables,
  asOf: string,
  contributor: string | null,
): Promise<{ claims: ClaimBalance[]; paid: PaidByContributor[]; categories: CertifiedByCategory[] }> => {
  // what the payments made by `asOf` settled: the running sum at the latest payment date by then
  const open = await db.query<ClaimBalance>(
    `select ${BALANCE} from (
       select o.claim_id, o.claim_ref, o.mission, o.contributor, o.category, o.period, o.certified_on,
         o.amount_usd, (select s.settled from unnest(o.paid_on, o.settled_usd) s(paid_on, settled)
           where s.paid_on <= $1::date order by s.paid_on desc limit 1) as settled
       from ${t.claim_open} o
       where o.open @> $1::date and ($2::text is null or o.contributor = $2)
     ) b`,
    [asOf, contributor],
  );
  const m = payablesMeasures(t);
  const { rows: sums } = await db.query<{
    measure: string;
    key: string;
    detail: string;
    amountUsd: string;
    items: number;
  }>(
    periodSumsAsOfSql(t.payable_sums, [m.certified, m.component, m.paid], '($2::text is null or key = $2)'),
    [asOf, contributor],
  );
  const of = (measure: string) => sums.filter((r) => r.measure === measure);
  const settled = of('certified').map((r): ClaimBalance => {
    const rest = formatUsd(
      open.rows
        .filter((c) => c.contributor === r.key)
        .reduce((sum, c) => sum.minus(c.amountUsd), new Decimal(r.amountUsd)),
    );
    return {
      claimId: `settled:${r.key}`,
      claimRef: 'settled',
      mission: '',
      contributor: r.key,
      category: '',
      period: '',
      certifiedOn: asOf,
      ageDays: 0,
      amountUsd: rest,
      settledUsd: rest,
      outstandingUsd: '0.00',
    };
  });
  return {
    claims: [...open.rows, ...settled],
    paid: of('paid').map((r) => ({ contributor: r.key, paidUsd: r.amountUsd })),
    categories: of('component').map((r) => ({
      contributor: r.key,
      category: r.detail,
      certifiedUsd: r.amountUsd,
    })),
  };
};
