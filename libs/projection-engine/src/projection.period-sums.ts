import type { IntegrationEvent } from '@coe/contracts';
import type { PoolClient } from 'pg';

// Period sums: amounts of a read model's current rows summed per key, per calendar year ('y', period
// 'YYYY') and per month ('m', period 'YYYY-MM'), so a total "as of a date" adds at most the years before
// the date's, the months of its year before its own, and the rows of its own month (periodSumsAsOf): a
// few dozen rows per key, however long the history. A batch recomputes the periods it touched from the
// rows themselves, so the sums are the same whatever the batch boundaries or the order of the events.

/** What a period sum is of (`measure`: what is summed; `key` and `detail`: by what) and its period. */
export const PERIOD_COLUMNS = `
  measure text not null,
  key text not null,
  detail text not null,
  period_kind char(1) not null check (period_kind in ('y', 'm')),
  period text not null`;

/** Columns of a period-sums table. */
export const PERIOD_SUM_COLUMNS = `${PERIOD_COLUMNS},
  amount_usd numeric(17, 2) not null,
  items integer not null,
  primary key (measure, key, detail, period_kind, period)`;

export const PERIOD_SUM_INDEXES = ['(period_kind, period)'];

/**
 * One measure: `rows` is a select of the current rows with columns `key`, `detail`, `amount_usd` and
 * `dated` (the business date summed by); `$1` is the
 * measure's affected keys and dates, as JSON `[[key, 'YYYY-MM-DD'], …]`.
 */
export type PeriodMeasure = { measure: string; rows: string };

/**
 * Recomputes the month and year of each (key, date) in `touched` for `measure`: the months from the rows,
 * then the years from their months (a year's rows were summed again for every date a batch touched in
 * it, most of the period sums' time when catching up).
 */
export const recomputePeriodSums = async (
  tx: PoolClient,
  table: string,
  { measure, rows }: PeriodMeasure,
  touched: readonly (readonly [string, string])[],
): Promise<void> => {
  if (touched.length === 0) return;
  const months = `
    select distinct e->>0 as key, to_char(d.d, 'YYYY-MM') as period, date_trunc('month', d.d)::date as since,
      (date_trunc('month', d.d) + interval '1 month')::date as until
    from jsonb_array_elements($1::jsonb) e, lateral (select (e->>1)::date as d) d`;
  const years = `select distinct key, left(period, 4) as period from (${months}) m`;
  const json = JSON.stringify(touched);
  await tx.query(
    `delete from ${table} s using (
       select key, 'm' as kind, period from (${months}) m union all select key, 'y', period from (${years}) y) p
     where s.measure = $2 and s.key = p.key and s.period_kind = p.kind and s.period = p.period`,
    [json, measure],
  );
  await tx.query(
    `insert into ${table} (measure, key, detail, period_kind, period, amount_usd, items)
     select $2, p.key, r.detail, 'm', p.period, sum(r.amount_usd), count(*)
     from (${months}) p join (${rows}) r on r.key = p.key and r.dated >= p.since and r.dated < p.until
     group by p.key, r.detail, p.period`,
    [json, measure],
  );
  await tx.query(
    `insert into ${table} (measure, key, detail, period_kind, period, amount_usd, items)
     select $2, y.key, s.detail, 'y', y.period, sum(s.amount_usd), sum(s.items)
     from (${years}) y join ${table} s on s.measure = $2 and s.key = y.key and s.period_kind = 'm'
       and left(s.period, 4) = y.period
     group by y.key, s.detail, y.period`,
    [json, measure],
  );
};

/**
 * The sums of `measures` as of the date `$1` (SQL, grouped by measure, key and detail): the period rows
 * before its month, and the current rows of its month (`rows` of each measure, as recomputePeriodSums
 * reads them) up to it. `keyFilter` (SQL on `key`) narrows the keys.
 */
export const periodSumsAsOfSql = (
  table: string,
  measures: readonly PeriodMeasure[],
  keyFilter = 'true',
): string => `
  select measure, key, detail, sum(amount_usd)::text as "amountUsd", sum(items)::int as items from (
    select measure, key, detail, amount_usd, items from ${table}
    where measure = any(array[${measures.map((m) => `'${m.measure}'`).join(', ')}])
      and ((period_kind = 'y' and period < to_char($1::date, 'YYYY'))
        or (period_kind = 'm' and period >= to_char($1::date, 'YYYY') and period < to_char($1::date, 'YYYY-MM')))
    ${measures
      .map(
        (m) => `union all
    select '${m.measure}', key, detail, amount_usd, 1 from (${m.rows}) r
    where r.dated >= date_trunc('month', $1::date)::date and r.dated <= $1::date`,
      )
      .join('\n')}
  ) s where ${keyFilter}
  group by measure, key, detail`;

/** A one-row table: the latest recorded instant among the events a version applied. */
export const KNOWN_THROUGH_COLUMNS = `
  id boolean primary key default true check (id),
  recorded_at timestamptz not null`;

/** Moves a version's `known_through` to the latest recorded instant of `events`. */
export const advanceKnownThrough = async (
  tx: PoolClient,
  table: string,
  events: readonly IntegrationEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  const latest = new Date(Math.max(...events.map((e) => e.recordedAt.getTime())));
  await tx.query(
    `insert into ${table} (recorded_at) values ($1)
     on conflict (id) do update set recorded_at = greatest(${table}.recorded_at, excluded.recorded_at)`,
    [latest.toISOString()],
  );
};

/**
 * Whether a report as known at `knownAt` is the current state: no row version of the read model became
 * known, or was replaced, after it (every event applied was recorded at or before it). Then "held at
 * knownAt" is "current", and the period sums and derived states, which hold the current state, answer.
 */
export const currentAt = async (
  db: { query: PoolClient['query'] },
  table: string,
  knownAt: string,
): Promise<boolean> => {
  const { rows } = await db.query<{ current: boolean }>(
    `select coalesce((select recorded_at <= $1::timestamptz from ${table}), true) as current`,
    [knownAt],
  );
  return rows[0]!.current;
};
