import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { inTransaction } from './transaction';
import { PERIOD_COLUMNS, type PeriodMeasure } from './projection.period-sums';

// Period sums as known at any instant: for each measure, key, detail and period (a year 'y' or a month
// 'm'), one row per span of recorded time (`known`) over which the sum of the period's row versions held
// stayed the same. A sum "as of a date, as known at an instant" then adds, as periodSumsAsOf does, the
// years before the date's, the months of its year before its own and the rows of its own month, each
// period's sum being the one row whose `known` holds the instant: a few dozen rows per key found through
// a GiST index on (span, known), however long the history and however many instants it has. A batch
// brings the periods it touched up to date from the earliest instant it recorded in each
// (recomputeKnownPeriodSums).

/**
 * Columns of a table of period sums as known at an instant (`span`: the period's days). The primary key
 * orders a period's spans by when they were held (ranges compare by their lower bound first), so a batch
 * finds those from an instant on, and the last one of a detail, down the index.
 */
export const KNOWN_PERIOD_SUM_COLUMNS = `${PERIOD_COLUMNS},
  span daterange not null,
  known tstzrange not null,
  amount_usd numeric(17, 2) not null,
  items integer not null,
  primary key (measure, key, period_kind, period, known, detail)`;

export const KNOWN_PERIOD_SUM_INDEXES = [
  "using gist (span, known) where period_kind = 'y'",
  "using gist (span, known) where period_kind = 'm'",
];

/** Indexes of a table a KnownPeriodMeasure sums: the rows a batch changed, by their instants. */
export const KNOWN_INSTANT_INDEXES = ['(known_from)', '(known_until) where known_until is not null'];

/**
 * A measure over every row version: `rows` selects `key`, `detail`, `amount_usd`, `dated` (the business
 * date summed by), `known_from` and `known_until` (null: still held); its tables need indexes on
 * `known_from` and `known_until`, by which a batch finds the rows it changed.
 */
export type KnownPeriodMeasure = PeriodMeasure;

/**
 * The years and months of `$1` (JSON `[[key, 'YYYY-MM-DD', instant], …]`: a change of a row of `key` dated
 * that day, recorded at that instant), each with its first and next day and the earliest instant of the
 * batch's changes in it.
 */
const TOUCHED_PERIODS = `
  select e->>0 as key, v.kind, v.period, v.since, v.until, min((e->>2)::timestamptz) as first
  from jsonb_array_elements($1::jsonb) e
  cross join lateral (select (e->>1)::date as d) d
  cross join lateral (values
    ('m', to_char(d.d, 'YYYY-MM'), date_trunc('month', d.d)::date,
      (date_trunc('month', d.d) + interval '1 month')::date),
    ('y', to_char(d.d, 'YYYY'), date_trunc('year', d.d)::date,
      (date_trunc('year', d.d) + interval '1 year')::date)
  ) v(kind, period, since, until)
  group by 1, 2, 3, 4, 5`;

/**
 * Brings the known spans of the month and year of each change in `touched` (`[key, date, instant]`: a row
 * of `key` dated `date` became known or was replaced at `instant`) for `measure` up to the rows: each row
 * version adds its amount (and one item) from its `known_from` and takes it back at its `known_until`, and
 * a period's sums are the running sums of those changes, instant by instant, each held until the next. The
 * spans of a period from the earliest of the batch's instants in it are recomputed from the changes at or
 * after that instant, on top of the sums held just before it; the earlier ones stay. Events recorded in
 * order make this the period's last span closed and one new span per instant; a batch of one Kafka
 * partition holding instants earlier than another's already applied recomputes what came after them.
 */
export const recomputeKnownPeriodSums = async (
  tx: PoolClient,
  table: string,
  { measure, rows }: KnownPeriodMeasure,
  touched: readonly (readonly [key: string, date: string, at: string])[],
): Promise<void> => {
  if (touched.length === 0) return;
  // the batch's earliest instant (RFC 3339 strings of one format compare as instants): only rows that
  // became known or were replaced since then change a span, found by their known_from or known_until
  const since = touched.reduce((earliest, [, , at]) => (at < earliest ? at : earliest), touched[0]![2]);
  const params = [JSON.stringify(touched), measure, since];
  // every lookup of the spans is by key, one period (or one period's detail) at a time, through the primary key
  await withIndexScans(tx, async () => {
    await tx.query(
      `delete from ${table} where ctid = any(array(
         select x.ctid from (${TOUCHED_PERIODS}) p cross join lateral (
           select s.ctid from ${table} s
           where s.measure = $2 and s.key = p.key and s.period_kind = p.kind and s.period = p.period
             and s.known >= tstzrange(p.first, p.first, '[]') and lower(s.known) >= p.first offset 0
         ) x))`,
      params.slice(0, 2),
    );
    await tx.query(
      `with p as (${TOUCHED_PERIODS}), changes as (
         select p.key, r.detail, p.kind, p.period, p.since, p.until, x.t, sum(x.delta) as delta, sum(x.n) as n
         from p join (
           select * from (${rows}) r where r.known_from >= $3::timestamptz
           union all
           select * from (${rows}) r where r.known_from < $3::timestamptz and r.known_until >= $3::timestamptz
         ) r on r.key = p.key and r.dated >= p.since and r.dated < p.until
         cross join lateral (values (r.known_from, r.amount_usd, 1), (r.known_until, -r.amount_usd, -1)) x(t, delta, n)
         where x.t >= p.first
         group by p.key, r.detail, p.kind, p.period, p.since, p.until, x.t
       ), changed as (
         select key, detail, kind, period, min(t) as first from changes group by key, detail, kind, period
       ), before as (
         -- the last span before the changes (the delete above left none at or after them): what they add to
         select c.key, c.detail, c.kind, c.period, c.first, v.span_id, v.amount_usd, v.items, v.held
         from changed c left join lateral (
           select s.ctid as span_id, s.amount_usd, s.items, upper_inf(s.known) or upper(s.known) > c.first as held
           from ${table} s
           where s.measure = $2 and s.key = c.key and s.period_kind = c.kind and s.period = c.period
             and s.detail = c.detail
           order by s.known desc limit 1
         ) v on true
       ), ended as (
         -- which ends where they begin
         update ${table} s set known = tstzrange(lower(s.known), (select b.first from before b where b.span_id = s.ctid))
         where s.ctid = any(array(select span_id from before where held))
       )
       insert into ${table} (measure, key, detail, period_kind, period, span, known, amount_usd, items)
       select $2, c.key, c.detail, c.kind, c.period, daterange(c.since, c.until), tstzrange(c.t, lead(c.t) over w),
         coalesce(b.amount_usd, 0) + sum(c.delta) over w, coalesce(b.items, 0) + sum(c.n) over w
       from changes c left join before b
         on b.key = c.key and b.detail = c.detail and b.kind = c.kind and b.period = c.period
       window w as (partition by c.key, c.detail, c.kind, c.period order by c.t)`,
      params,
    );
  });
};

/**
 * A batch of at least this many events is catching up (a consumer behind, a rebuild): its changes to the
 * sums over recorded time wait for one refresh once the consumer has caught up. Applied batch by batch,
 * the three partitions of a topic each start at instants the others passed long before, so every batch
 * recomputed the spans of most periods: 14 of the 22 s of PostgreSQL's time catching up on 100,000 events.
 */
export const KNOWN_SUMS_DEFER_AT = 1000;

const pendingTable = (sumsTable: string): string => {
  const dot = sumsTable.lastIndexOf('.');
  if (dot < 1) throw new Error(`${sumsTable} is not schema-qualified`);
  return `${sumsTable.slice(0, dot)}.known_sums_pending`;
};

/** The earliest of RFC 3339 instants of one format (they compare as strings). */
const earliest = (instants: readonly string[]): string =>
  instants.reduce((min, at) => (at < min ? at : min), instants[0]!);

/**
 * Whether the changes of a batch of `batchSize` events recorded at `instants` to the sums of `sumsTable`
 * wait for refreshKnownSums instead of being applied now: when the batch is catching up (KNOWN_SUMS_DEFER_AT),
 * or when earlier changes already wait (the refresh recomputes every period changed since the earliest of
 * them: spans built now would be built again). Then the table is marked pending from the earliest instant,
 * in the batch's transaction.
 */
export const deferKnownSums = async (
  tx: PoolClient,
  sumsTable: string,
  batchSize: number,
  instants: readonly string[],
): Promise<boolean> => {
  if (instants.length === 0) return false;
  const pending = pendingTable(sumsTable);
  const params = [sumsTable, earliest(instants)];
  if (batchSize >= KNOWN_SUMS_DEFER_AT) {
    await tx.query(
      `insert into ${pending} as p (sums_table, since) values ($1, $2)
       on conflict (sums_table) do update set since = least(p.since, excluded.since), marked_at = now()`,
      params,
    );
    return true;
  }
  const { rowCount } = await tx.query(
    `update ${pending} set since = least(since, $2), marked_at = now() where sums_table = $1`,
    params,
  );
  return (rowCount ?? 0) > 0;
};

/** The tables of sums over recorded time with changes waiting (deferKnownSums), and since when. */
export const pendingKnownSums = async (
  db: Pick<Pool, 'query'>,
  schema: string,
): Promise<{ sumsTable: string; since: Date; markedAt: Date }[]> =>
  (
    await db.query<{ sumsTable: string; since: Date; markedAt: Date }>(
      `select sums_table as "sumsTable", since, marked_at as "markedAt" from ${schema}.known_sums_pending`,
    )
  ).rows;

/**
 * Applies the changes to `sumsTable`'s sums that wait (deferKnownSums), for each of `measures` (every
 * measure kept in it): every period with a row version that became known or was replaced since the
 * pending instant is recomputed from it, in one pass. False when nothing waits, or another instance is
 * refreshing it. Batches marking it meanwhile wait for the refresh's commit, then mark it again.
 */
export const refreshKnownSums = (
  pool: Pool,
  sumsTable: string,
  measures: readonly KnownPeriodMeasure[],
): Promise<boolean> =>
  inTransaction(pool, async (tx) => {
    const pending = pendingTable(sumsTable);
    const { rows } = await tx.query<{ since: string }>(
      `select to_json(since) #>> '{}' as since from ${pending} where sums_table = $1 for update skip locked`,
      [sumsTable],
    );
    const since = rows[0]?.since;
    if (since === undefined) return false;
    for (const measure of measures) {
      const { rows: changed } = await withIndexScans(tx, () =>
        tx.query<{ key: string; dated: string }>(
          `select key, to_char(dated, 'YYYY-MM-DD') as dated from (${measure.rows}) r where r.known_from >= $1
           union
           select key, to_char(dated, 'YYYY-MM-DD') from (${measure.rows}) r where r.known_until >= $1`,
          [since],
        ),
      );
      await recomputeKnownPeriodSums(
        tx,
        sumsTable,
        measure,
        changed.map((r) => [r.key, r.dated, since] as const),
      );
    }
    await tx.query(`delete from ${pending} where sums_table = $1`, [sumsTable]);
    return true;
  });

/**
 * Whether `sumsTable`'s spans answer as known at `knownAt`: no change waits (deferKnownSums) from an
 * instant at or before it. The spans before a pending instant are final (a refresh recomputes from it on).
 */
export const knownSumsHeldAt = async (
  db: Pick<Pool, 'query'>,
  sumsTable: string,
  knownAt: string,
): Promise<boolean> => {
  const { rows } = await db.query<{ held: boolean }>(
    `select not exists (select 1 from ${pendingTable(sumsTable)} where sums_table = $1 and since <= $2) as held`,
    [sumsTable, knownAt],
  );
  return rows[0]!.held;
};

/**
 * The sums of `measures` as of the date `$1` as known at the instant `knownAt` (a parameter, e.g. `'$3'`),
 * grouped by measure, key and detail like periodSumsAsOfSql: the years before the date's and the months
 * of its year before its own held at the instant, and the row versions of its own month held then. A span
 * of no rows (every version of the period replaced, e.g. a claim certified again for another contributor)
 * is no period, as periodSumsAsOfSql has none: its key must not appear with zeros.
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
      and known @> ${knownAt}::timestamptz and items <> 0
      and measure = any(array[${measures.map((m) => `'${m.measure}'`).join(', ')}])
    union all
    select measure, key, detail, amount_usd, items from ${table}
    where period_kind = 'm'
      and span <@ daterange(date_trunc('year', $1::date)::date, date_trunc('month', $1::date)::date)
      and known @> ${knownAt}::timestamptz and items <> 0
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
 * Runs `work` on `tx` with sequential scans off, then puts the setting back (within the transaction). For
 * the statements that bring what was held over recorded time up to a batch: they look up the batch's claims
 * and periods among the whole history, and on a read model being rebuilt (its tables never analysed while
 * they fill: autovacuum may be off) PostgreSQL estimated them small and scanned whole tables in every batch
 * of the rebuild, the cost growing with the history.
 */
export const withIndexScans = async <T>(tx: PoolClient, work: () => Promise<T>): Promise<T> => {
  const { rows } = await tx.query<{ was: string }>(
    `select current_setting('enable_seqscan') as was, set_config('enable_seqscan', 'off', true)`,
  );
  const result = await work();
  await tx.query(`select set_config('enable_seqscan', $1, true)`, [rows[0]!.was]);
  return result;
};

/**
 * Runs a read whose rows a GiST index on two ranges finds (a business date's range and the recorded span,
 * e.g. `open @> asOf and known @> knownAt`) with sequential scans off (withIndexScans), in a transaction
 * of its own. PostgreSQL estimates the two containments as independent and multiplies their
 * selectivities; here they are not: the versions recorded before a claim was paid are open on every later
 * date, so at a late date half the rows are open and half are held at a late instant, yet only one
 * version per claim is both. The estimate (a quarter of the table) made it scan the whole table (27 ms on ten years) instead of
 * the index (1.5 ms), however recently analysed. The transaction holds the client only for the read.
 */
export const queryByTwoRanges = <R extends QueryResultRow>(
  pool: Pool,
  sql: string,
  params: readonly unknown[],
): Promise<QueryResult<R>> =>
  inTransaction(pool, (tx) => withIndexScans(tx, () => tx.query<R>(sql, params as unknown[])));
