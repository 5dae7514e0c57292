import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Decimal, formatUsd, InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { type Aging, type AgingBucket, agingBucket, agingOf } from './payables.aging';
import { payablesMeasures } from './payables.projection';
import { activePayables } from './payables.query';
import {
  type ByCategory,
  type CertifiedByCategory,
  type ClaimBalance,
  type OwedClaim,
  type PayablesFigures,
  figuresOf,
  owedClaims,
  payablesReport,
} from './payables.report';
import {
  BALANCE,
  type CurrentPayablesTables,
  type PayablesTables,
  readCertifiedByCategory,
} from './payables.sql';
import {
  heldAt,
  type KnownAt,
  knownPeriodSumsAsOfSql,
  periodSumsAsOfSql,
  reflectedAt,
} from '@coe/projection-engine';

export type StatementClaim = {
  claimId: string;
  claimRef: string;
  mission: string;
  category: string;
  /** The claim's amount by component (its certified lines; its category alone when it has none). */
  components: { component: string; amount: string }[];
  period: string;
  certifiedOn: string;
  amount: string;
  settled: string;
  /** amount − settled: negative for a credit. */
  outstanding: string;
  /** What is owed on it once credits are offset (0.00 for a credit). */
  owed: string;
  /** For a credit: what no payable has absorbed yet. */
  unusedCredit: string;
  ageDays: number;
  agingBucket: AgingBucket;
};

export type StatementPayment = {
  paymentId: string;
  paymentRef: string;
  mission: string;
  amount: string;
  paidOn: string;
  paymentRunId: string | null;
  allocations: { claimId: string; claimRef: string; amount: string }[];
};

type Split = PayablesFigures & { aging: Aging };

/** A claim payments had settled in full by `asOf`, with the day the last of them was paid. */
export type SettledStatementClaim = StatementClaim & { settledOn: string };

/**
 * A statement lists the claims still open at `asOf` in full, and the settled ones and the payments in pages,
 * most recent first: a decade of settled claims would otherwise make every answer grow with the history.
 * `size: null` lists everything (the export, the comparison of two instants).
 */
export type StatementPage = { size: number | null; settledCursor?: string; paymentCursor?: string };
export const STATEMENT_PAGE_SIZE = 50;

export type ContributorStatement = {
  contributor: string;
  asOf: string;
  currency: 'USD';
  aging: Aging;
  /** `certified` split by component (claims' lines; a claim without lines counts under its category). */
  certifiedByCategory: ByCategory;
  byMission: ({ mission: string } & Split)[];
  byCategory: ({ category: string } & Split)[];
  /** The claims with something outstanding at `asOf` (owed, or a credit), oldest first: all of them. */
  claims: StatementClaim[];
  /** One page of the claims settled in full by `asOf`, the most recently settled first. */
  settledClaims: SettledStatementClaim[];
  settledClaimCount: number;
  /** `settledCursor` of the next page; null on the last. */
  nextSettledCursor: string | null;
  /** One page of the payments made by `asOf`, the latest first. */
  payments: StatementPayment[];
  paymentCount: number;
  nextPaymentCursor: string | null;
} & PayablesFigures &
  KnownAt;

export class GetContributorStatement extends Query<ContributorStatement> {
  constructor(
    readonly contributor: string,
    readonly asOf: string,
    readonly knownAt: string,
    readonly page: StatementPage = { size: null },
  ) {
    super();
  }
}

/** A page's cursor: the sort key of its last item, `<date>.<id>` (the date descending, then the id). */
const CURSOR = /^(\d{4}-\d{2}-\d{2})\.([0-9A-Za-z-]{1,64})$/;
export const isStatementCursor = (cursor: string): boolean => CURSOR.test(cursor);
const keyOf = (cursor: string | undefined): [string | null, string | null] => {
  const match = cursor === undefined ? null : CURSOR.exec(cursor);
  return match ? [match[1]!, match[2]!] : [null, null];
};

/**
 * The whole statement in its former shape: every claim oldest first (open and settled, without
 * `settledOn`), every payment oldest first. What the export writes and a comparison of two instants diffs.
 */
export const fullStatement = (statement: ContributorStatement) => {
  const {
    settledClaims,
    settledClaimCount: _count,
    nextSettledCursor: _next,
    paymentCount: _payments,
    nextPaymentCursor: _nextPayment,
    ...rest
  } = statement;
  const byKey = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return {
    ...rest,
    claims: [...statement.claims, ...settledClaims.map(({ settledOn: _, ...c }) => c)].sort((a, b) =>
      byKey([a.certifiedOn, a.period, a.claimRef], [b.certifiedOn, b.period, b.claimRef]),
    ),
    payments: [...statement.payments].sort((a, b) =>
      byKey([a.paidOn, a.paymentRef], [b.paidOn, b.paymentRef]),
    ),
  };
};
export type FullContributorStatement = ReturnType<typeof fullStatement>;

type Credit = ClaimBalance & { creditUsd: string };

/** The figures of the claims one key picks, paid being what payments settled on them. */
const splitBy = <K extends 'mission' | 'category'>(
  key: K,
  claims: readonly OwedClaim[],
  credits: readonly Credit[],
): ({ [P in K]: string } & Split)[] =>
  [...new Set(claims.map((c) => c[key]))].sort().map((value) => {
    const own = claims.filter((c) => c[key] === value);
    const paid = own.reduce((sum, c) => sum.plus(c.settledUsd), new Decimal(0));
    return {
      [key]: value,
      ...figuresOf(
        own,
        credits.filter((c) => c[key] === value),
        paid,
      ),
      aging: agingOf(own.map((c) => ({ ageDays: c.ageDays, outstandingUsd: c.owedUsd }))),
    } as { [P in K]: string } & Split;
  });

type Balance = ClaimBalance & { part: number; settledOn: string | null; claims: number };
type ActivePayables = Awaited<ReturnType<typeof activePayables>>['versionTables'];
type Sums = { paid: { paidUsd: string | null; payments: number }; categories: CertifiedByCategory[] };

/**
 * The statement's claims from `balances` (a query of the contributor's claims certified by `asOf`, `$1`,
 * each with `amount_usd`, what the payments made by `asOf` `settled` and the day the last of them was paid,
 * `settled_on`), in three parts: 0, the claims with something outstanding, one by one, oldest first; 1,
 * the settled ones folded into one row per mission and category (their sums: a settled claim owes, offsets
 * and ages nothing, so the figures are exact); 2, a page of the settled ones, the most recently settled
 * first, after the cursor `(cursor[0], cursor[1])`, `limit` of them (null: all).
 */
const statementPartsSql = (balances: string, cursor: readonly [string, string], limit: string): string => `
  with b as materialized (${balances})
  select * from (
    select 0 as part, row_number() over (order by certified_on, period, claim_ref) as ord, ${BALANCE},
      null as "settledOn", 1 as claims
    from b where amount_usd <> settled
    union all
    select 1, row_number() over (order by mission, category), 'settled:' || mission || ':' || category,
      'settled', mission, contributor, category, max(period), to_char(max(certified_on), 'YYYY-MM-DD'), 0,
      sum(amount_usd)::text, sum(settled)::numeric(16, 2)::text, '0.00', null, count(*)::int
    from b where amount_usd = settled group by contributor, mission, category
    union all
    select * from (
      select 2, row_number() over (order by settled_on desc, claim_id desc), ${BALANCE},
        to_char(settled_on, 'YYYY-MM-DD'), 1
      from b
      where amount_usd = settled
        and (${cursor[0]}::date is null or (settled_on, claim_id) < (${cursor[0]}::date, ${cursor[1]}::text))
      order by settled_on desc, claim_id desc limit ${limit}
    ) page
  ) x order by part, ord`;

/**
 * statementPartsSql from every row version held at `$3`, parameters `(asOf, contributor, knownAt,
 * cursor date, cursor claim, limit)`. What settled a claim is every payment's allocations to it, as in the
 * payables report (a payment pays claims of its own contributor, CLAIM_OF_OTHER_PAYEE, so on the streams the
 * service writes these are the contributor's payments), read by claim (the index on allocations' claim_id),
 * not a hash of everyone's.
 */
export const statementSql = ({ claims, payments, allocations }: PayablesTables): string =>
  statementPartsSql(
    `select c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.certified_on,
      c.amount_usd, coalesce(s.settled, 0) as settled, coalesce(s.settled_on, c.certified_on) as settled_on
    from ${claims} c
    left join (
      select a.claim_id, sum(a.amount_usd) as settled, max(p.paid_on) as settled_on
      from ${allocations} a join ${payments} p on p.payment_id = a.payment_id and ${heldAt('p', '$3')}
      where p.paid_on <= $1::date and ${heldAt('a', '$3')}
        and a.claim_id = any(array(
          select claim_id from ${claims} where contributor = $2 and certified_on <= $1::date))
      group by a.claim_id
    ) s on s.claim_id = c.claim_id
    where c.contributor = $2 and c.certified_on <= $1::date and ${heldAt('c', '$3')}`,
    ['$4', '$5'],
    '$6',
  );

/**
 * The same rows as statementSql from the current state (the caller checks with currentAt), parameters
 * `(asOf, contributor, cursor date, cursor claim, limit)`, each part from what answers it without reading
 * the contributor's decade of claims: 0, the claims open on `asOf` (claim_open's GiST on the open dates),
 * what was settled of each by then the entry of the last payment date on or before it in its sorted dates
 * ('-infinity' first: width_bucket counts them); 1, per mission and category, what was certified by `asOf`
 * (the period sums, with the number of claims) less the open claims; 2, the page down claim_settled's index
 * on the day each claim was settled, keeping the spans still settled on `asOf`.
 */
export const currentStatementSql = (
  t: Pick<CurrentPayablesTables, 'claim_open' | 'claim_settled' | 'payable_sums'> &
    Parameters<typeof payablesMeasures>[0],
): string => `
  with b as materialized (
    select o.claim_id, o.claim_ref, o.mission, o.contributor, o.category, o.period, o.certified_on,
      o.amount_usd, o.settled_usd[width_bucket($1::date, o.paid_on)] as settled
    from ${t.claim_open} o where o.open @> $1::date and o.contributor = $2
  ), certified as (
    select detail::jsonb->>0 as mission, detail::jsonb->>1 as category, "amountUsd"::numeric as amount_usd,
      items
    from (${periodSumsAsOfSql(t.payable_sums, [payablesMeasures(t).missionCategory], 'key = $2')}) s
  ), settled as (
    select c.mission, c.category, c.amount_usd - coalesce(o.amount_usd, 0) as amount_usd,
      c.items - coalesce(o.claims, 0) as claims
    from certified c left join (
      select mission, category, sum(amount_usd) as amount_usd, count(*)::int as claims from b
      group by mission, category
    ) o on o.mission = c.mission and o.category = c.category
  )
  select * from (
    select 0 as part, row_number() over (order by certified_on, period, claim_ref) as ord, ${BALANCE},
      null as "settledOn", 1 as claims
    from b
    union all
    select 1, row_number() over (order by mission, category), 'settled:' || mission || ':' || category,
      'settled', mission, $2, category, '', to_char($1::date, 'YYYY-MM-DD'), 0, amount_usd::text,
      amount_usd::numeric(16, 2)::text, '0.00', null, claims
    from settled where claims > 0
    union all
    select * from (
      select 2, row_number() over (order by s.settled_on desc, s.claim_id desc), o.claim_id as "claimId",
        o.claim_ref as "claimRef", o.mission, o.contributor, o.category, o.period,
        to_char(o.certified_on, 'YYYY-MM-DD') as "certifiedOn", ($1::date - o.certified_on) as "ageDays",
        o.amount_usd::text as "amountUsd", o.amount_usd::numeric(16, 2)::text as "settledUsd",
        '0.00' as "outstandingUsd", to_char(s.settled_on, 'YYYY-MM-DD'), 1
      from ${t.claim_settled} s join ${t.claim_open} o on o.claim_id = s.claim_id
      where s.contributor = $2 and s.settled_on <= $1::date and s.certified_on <= $1::date
        and (s.settled_until is null or s.settled_until > $1::date)
        and ($3::date is null or (s.settled_on, s.claim_id) < ($3::date, $4::text))
      order by s.settled_on desc, s.claim_id desc limit $5
    ) page
  ) x order by part, ord`;

/** A page of the contributor's payments made by `asOf`, the latest first, after the cursor `($4, $5)`. */
export const paymentsSql = ({ payments, allocations }: PayablesTables): string => `
  with page as (
    select * from ${payments} p
    where p.contributor = $2 and p.paid_on <= $1::date and ${heldAt('p', '$3')}
      and ($4::date is null or (p.paid_on, p.payment_id) < ($4::date, $5::text))
    order by p.paid_on desc, p.payment_id desc
    limit $6
  )
  select p.payment_id as "paymentId", p.payment_ref as "paymentRef", p.mission, p.amount_usd::text as amount,
    to_char(p.paid_on, 'YYYY-MM-DD') as "paidOn", p.payment_run_id as "paymentRunId",
    coalesce((
      select jsonb_agg(jsonb_build_object('claimId', a.claim_id, 'claimRef', a.claim_ref,
        'amount', a.amount_usd::text) order by a.claim_ref)
      from ${allocations} a where a.payment_id = p.payment_id and ${heldAt('a', '$3')}
    ), '[]') as allocations
  from page p
  order by p.paid_on desc, p.payment_id desc`;

const statementClaim = (
  c: OwedClaim,
  components: StatementClaim['components'] | undefined,
  unused?: string,
): StatementClaim => ({
  claimId: c.claimId,
  claimRef: c.claimRef,
  mission: c.mission,
  category: c.category,
  components: (components ?? [{ component: c.category, amount: c.amountUsd }]).map((k) => ({
    ...k,
    amount: formatUsd(k.amount),
  })),
  period: c.period,
  certifiedOn: c.certifiedOn,
  amount: formatUsd(c.amountUsd),
  settled: formatUsd(c.settledUsd),
  outstanding: formatUsd(c.outstandingUsd),
  owed: formatUsd(c.owedUsd),
  unusedCredit: formatUsd(unused ?? '0'),
  ageDays: c.ageDays,
  agingBucket: agingBucket(c.ageDays),
});

/** The items of a page asked with one more than its size, and the cursor of the next. */
const pageOf = <T>(rows: T[], size: number | null, cursor: (last: T) => string) => {
  if (size === null || rows.length <= size) return { items: rows, next: null };
  const items = rows.slice(0, size);
  return { items, next: cursor(items[items.length - 1]!) };
};

/**
 * One contributor's statement as of a date: certified, paid, credits, outstanding and owed, in total (the
 * payables report's row, by the same function), by mission and by category, with aging; its open claims
 * (oldest first, the order payments and credits settle them), and pages of its settled claims and of its
 * payments. The figures come from sums in the read model, never from a page.
 */
@QueryHandler(GetContributorStatement)
export class GetContributorStatementHandler
  implements IQueryHandler<GetContributorStatement, ContributorStatement>
{
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  /**
   * What the contributor was paid (and in how many payments) and certified by component: as known now from
   * the period sums (`knownAt` null), at an earlier instant from those kept over recorded time.
   */
  private async derivedSums(
    tables: ActivePayables,
    asOf: string,
    contributor: string,
    knownAt: string | null,
  ): Promise<Sums> {
    const m = payablesMeasures(tables, knownAt !== null);
    const { rows } = await this.pool.query<{
      measure: string;
      detail: string;
      amountUsd: string;
      items: number;
    }>(
      knownAt === null
        ? periodSumsAsOfSql(tables.payable_sums, [m.component, m.paid], 'key = $2')
        : knownPeriodSumsAsOfSql(tables.payable_sums_known, [m.component, m.paid], '$3', 'key = $2'),
      knownAt === null ? [asOf, contributor] : [asOf, contributor, knownAt],
    );
    const paid = rows.find((r) => r.measure === 'paid');
    return {
      paid: { paidUsd: paid?.amountUsd ?? null, payments: paid?.items ?? 0 },
      categories: rows
        .filter((r) => r.measure === 'component')
        .map((r) => ({ contributor, category: r.detail, certifiedUsd: r.amountUsd })),
    };
  }

  /** The same as derivedSums from every row version held at `knownAt` (a version built before those sums). */
  private async sumsAsKnownAt(
    tables: ActivePayables,
    asOf: string,
    contributor: string,
    knownAt: string,
  ): Promise<Sums> {
    const [paid, categories] = await Promise.all([
      this.pool.query<Sums['paid']>(
        `select sum(amount_usd)::text as "paidUsd", count(*)::int as payments from ${tables.payments} p
         where contributor = $2 and paid_on <= $1::date and ${heldAt('p', '$3')}`,
        [asOf, contributor, knownAt],
      ),
      readCertifiedByCategory(this.pool, tables, asOf, contributor, knownAt),
    ]);
    return { paid: paid.rows[0]!, categories };
  }

  async execute({
    contributor,
    asOf,
    knownAt,
    page,
  }: GetContributorStatement): Promise<ContributorStatement> {
    const {
      versionTables: tables,
      currentAsKnownAt,
      knownSumsAt,
    } = await activePayables(this.context.versions, this.pool);
    const limit = page.size === null ? null : page.size + 1;
    const current = await currentAsKnownAt(knownAt);
    const sums = current
      ? this.derivedSums(tables, asOf, contributor, null)
      : (await knownSumsAt(knownAt))
        ? this.derivedSums(tables, asOf, contributor, knownAt)
        : this.sumsAsKnownAt(tables, asOf, contributor, knownAt);
    const [balances, paymentRows, { paid, categories }, reflected] = await Promise.all([
      current
        ? this.pool.query<Balance>(currentStatementSql(tables), [
            asOf,
            contributor,
            ...keyOf(page.settledCursor),
            limit,
          ])
        : this.pool.query<Balance>(statementSql(tables), [
            asOf,
            contributor,
            knownAt,
            ...keyOf(page.settledCursor),
            limit,
          ]),
      this.pool.query<StatementPayment>(paymentsSql(tables), [
        asOf,
        contributor,
        knownAt,
        ...keyOf(page.paymentCursor),
        limit,
      ]),
      sums,
      reflectedAt(this.pool, 'reimbursement', [tables.claims, tables.payments], knownAt, contributor),
    ]);
    const figures = balances.rows.filter((b) => b.part < 2);
    const settledPage = pageOf(
      balances.rows.filter((b) => b.part === 2),
      page.size,
      (c) => `${c.settledOn}.${c.claimId}`,
    );
    const paymentsPage = pageOf(paymentRows.rows, page.size, (p) => `${p.paidOn}.${p.paymentId}`);
    const totals = paid;
    const report = payablesReport(
      asOf,
      figures,
      totals.paidUsd === null ? [] : [{ contributor, paidUsd: totals.paidUsd }],
      categories,
    );
    const row = report.contributors[0];
    const { claims, credits } = owedClaims(figures);
    const unused = new Map(credits.map((c) => [c.claimId, c.creditUsd]));
    const open = claims.filter((c) => !c.claimId.startsWith('settled:'));
    const settled = settledPage.items.map((c): OwedClaim & { settledOn: string } => ({
      ...c,
      owedUsd: '0.00',
      settledOn: c.settledOn!,
    }));
    // a claim projected before components were kept has none: its category stands for the whole; only
    // the listed claims' components are read, each claim's version held at `knownAt` by its key
    const listed = [...open.map((c) => c.claimId), ...settled.map((c) => c.claimId)];
    const components = await this.pool.query<{ claimId: string; components: StatementClaim['components'] }>(
      `select k.claim_id as "claimId",
         jsonb_agg(jsonb_build_object('component', k.component, 'amount', k.amount_usd::text)
           order by array_position(array['personnel', 'major_equipment', 'self_sustainment',
             'letter_of_assist', 'death_and_disability'], k.component), k.component) as components
       from unnest($4::text[]) as listed(claim_id)
         cross join lateral (
           select c.known_from_position from ${tables.claims} c
           where c.claim_id = listed.claim_id and c.contributor = $1 and c.certified_on <= $3::date
             and ${heldAt('c', '$2')}
         ) c
         join ${tables.claim_components} k
           on k.claim_id = listed.claim_id and k.known_from_position = c.known_from_position
       group by k.claim_id`,
      [contributor, knownAt, asOf, listed],
    );
    const componentsOf = new Map(components.rows.map((r) => [r.claimId, r.components]));
    return {
      contributor,
      asOf,
      currency: 'USD',
      certified: row?.certified ?? '0.00',
      paid: row?.paid ?? '0.00',
      outstanding: row?.outstanding ?? '0.00',
      credits: row?.credits ?? '0.00',
      owed: row?.owed ?? '0.00',
      aging: row?.aging ?? agingOf([]),
      certifiedByCategory: row?.certifiedByCategory ?? {},
      byMission: splitBy('mission', claims, credits),
      byCategory: splitBy('category', claims, credits),
      claims: open.map((c) => statementClaim(c, componentsOf.get(c.claimId), unused.get(c.claimId))),
      settledClaims: settled.map((c) => ({
        ...statementClaim(c, componentsOf.get(c.claimId)),
        settledOn: c.settledOn,
      })),
      settledClaimCount: figures.filter((b) => b.part === 1).reduce((sum, b) => sum + b.claims, 0),
      nextSettledCursor: settledPage.next,
      payments: paymentsPage.items.map((p) => ({
        ...p,
        amount: formatUsd(p.amount),
        allocations: p.allocations.map((a) => ({ ...a, amount: formatUsd(a.amount) })),
      })),
      paymentCount: totals.payments,
      nextPaymentCursor: paymentsPage.next,
      ...reflected,
    };
  }
}
