import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { inTransaction } from './transaction';
import type { PeriodMeasure } from './projection.period-sums';

// Period sums as known at any instant: for each measure, key, detail and period (a year 'y' or a month
// 'm'), one row per span of recorded time (`known`) over which the sum of the period's row versions held
// stayed the same. A sum "as of a date, as known at an instant" then adds, as periodSumsAsOf does, the
// years before the date's, the months of its year before its own and the rows of its own month, each
// period's sum being the one row whose `known` holds the instant: a few dozen rows per key found through
// a GiST index on (span, known), however long the history and however many instants it has. A batch
// recomputes the periods it touched from every row version in them, whatever order their instants
// arrive in (a batch of one Kafka partition may hold instants earlier than another's already applied).

/** Columns of a table of period sums as known at an instant (`span`: the period's days). */
export const KNOWN_PERIOD_SUM_COLUMNS = `
  measure text not null,
  key text not null,
  detail text not null,
  period_kind char(1) not null check (period_kind in ('y', 'm')),
  period text not null,
  span daterange not null,
  known tstzrange not null,
  amount_usd numeric(17, 2) not null,
  items integer not null,
  primary key (measure, key, detail, period_kind, period, known)`;

export const KNOWN_PERIOD_SUM_INDEXES = [
  "using gist (span, known) where period_kind = 'y'",
  "using gist (span, known) where period_kind = 'm'",
  '(measure, key, period_kind, period)',
];

/**
 * A measure over every row version: `rows` selects `key`, `detail`, `amount_usd`, `dated` (the business
 * date summed by), `known_from` and `known_until` (null: still held).
 */
export type KnownPeriodMeasure = PeriodMeasure;

/** The years and months of `$1` (JSON `[[key, 'YYYY-MM-DD'], …]`), each with its first and next day. */
const TOUCHED_PERIODS = `
  select distinct e->>0 as key, v.kind, v.period, v.since, v.until
  from jsonb_array_elements($1::jsonb) e
  cross join lateral (select (e->>1)::date as d) d
  cross join lateral (values
    ('m', to_char(d.d, 'YYYY-MM'), date_trunc('month', d.d)::date,
      (date_trunc('month', d.d) + interval '1 month')::date),
    ('y', to_char(d.d, 'YYYY'), date_trunc('year', d.d)::date,
      (date_trunc('year', d.d) + interval '1 year')::date)
  ) v(kind, period, since, until)`;

/**
 * Recomputes every known span of the month and year of each (key, date) in `touched` for `measure`: each
 * row version adds its amount (and one item) from its `known_from` and takes it back at its `known_until`;
 * the running sums of those changes, instant by instant, are the period's sums, each held until the next.
 */
export const recomputeKnownPeriodSums = async (
  tx: PoolClient,
  table: string,
  { measure, rows }: KnownPeriodMeasure,
  touched: readonly (readonly [string, string])[],
): Promise<void> => {
  if (touched.length === 0) return;
  const json = JSON.stringify(touched);
  await tx.query(
    `delete from ${table} s using (${TOUCHED_PERIODS}) p
     where s.measure = $2 and s.key = p.key and s.period_kind = p.kind and s.period = p.period`,
    [json, measure],
  );
  await tx.query(
    `with p as (${TOUCHED_PERIODS}), changes as (
       select p.key, r.detail, p.kind, p.period, p.since, p.until, x.t, sum(x.delta) as delta, sum(x.n) as n
       from p join (${rows}) r on r.key = p.key and r.dated >= p.since and r.dated < p.until
       cross join lateral (values (r.known_from, r.amount_usd, 1), (r.known_until, -r.amount_usd, -1)) x(t, delta, n)
       where x.t is not null
       group by p.key, r.detail, p.kind, p.period, p.since, p.until, x.t
     )
     insert into ${table} (measure, key, detail, period_kind, period, span, known, amount_usd, items)
     select $2, key, detail, kind, period, daterange(since, until), tstzrange(t, lead(t) over w),
       sum(delta) over w, sum(n) over w
     from changes
     window w as (partition by key, detail, kind, period order by t)`,
    [json, measure],
  );
};

/**
 * The sums of `measures` as of the date `$1` as known at the instant `knownAt` (a parameter, e.g. `'$3'`),
 * grouped by measure, key and detail like periodSumsAsOfSql: the years before the date's and the months
 * of its year before its own held at the instant, and the row versions of its own month held then.
 */
export const knownPeriodSumsAsOfSql = (
  table: string,
  measures: readonly KnownPeriodMeasure[],
  knownAt: string,
  keyFilter = 'true',
): string => `
  select measure, key, detail, sum(amount_usd)::text as "amountUsd", sum(items)::int as items from (
    select measure, key, detail, amount_usd, items from ${table}
    where period_kind = 'y' and span << daterange(date_trunc('year', $1::date)::date, null)
      and known @> ${knownAt}::timestamptz
      and measure = any(array[${measures.map((m) => `'${m.measure}'`).join(', ')}])
    union all
    select measure, key, detail, amount_usd, items from ${table}
    where period_kind = 'm'
      and span <@ daterange(date_trunc('year', $1::date)::date, date_trunc('month', $1::date)::date)
      and known @> ${knownAt}::timestamptz
      and measure = any(array[${measures.map((m) => `'${m.measure}'`).join(', ')}])
    ${measures
      .map(
        (m) => `union all
    select '${m.measure}', key, detail, amount_usd, 1 from (${m.rows}) r
    where r.dated >= date_trunc('month', $1::date)::date and r.dated <= $1::date
      and r.known_from <= ${knownAt}::timestamptz
      and (r.known_until is null or r.known_until > ${knownAt}::timestamptz)`,
      )
      .join('\n')}
  ) s where ${keyFilter}
  group by measure, key, detail`;

/**
 * Runs a read whose rows a GiST index on two ranges finds (a business date's range and the recorded span,
 * e.g. `open @> asOf and known @> knownAt`) with sequential scans off, in a transaction of its own. PostgreSQL estimates the two containments as independent and multiplies their selectivities; here
 * they are not: the versions recorded before a claim was paid are open on every later date, so at a late
 * date half the rows are open and half are held at a late instant, yet only one version per claim is
 * both. The estimate (a quarter of the table) made it scan the whole table (27 ms on ten years) instead of
 * the index (1.5 ms), however recently analysed. The transaction holds the client only for the read.
 */
export const queryByTwoRanges = <R extends QueryResultRow>(
  pool: Pool,
  sql: string,
  params: readonly unknown[],
): Promise<QueryResult<R>> =>
  inTransaction(pool, async (tx) => {
    await tx.query('set local enable_seqscan = off');
    return tx.query<R>(sql, params as unknown[]);
  });
