-- A measurement, not part of the application: the bitemporal structures a flat "as known at an earlier
-- instant" path for payables would keep (bench/README.md, "What the figures say", known-at bullet), built
-- here from the row versions of a loaded history so their size and query time can be measured before a
-- read-model version keeps them. Run on your own copy only, e.g. `psql $COPY -v asof="'2024-09-15'"
-- -v ka="'2026-12-04T16:15:00Z'" -f known-at-bitemporal.sql`: it creates the schema `proto` from
-- `hist_projections`' payables tables (version 1), then answers the query at the end.
drop schema if exists proto cascade;
create schema proto;
set search_path = hist_projections, public;
-- 1. claim_open by known interval: for each claim, the instants at which its version, one of its
--    allocations or their payments became known or was replaced; between two, the open dates are fixed.
create table proto.claim_open_known as
with inst as (
  select claim_id, known_from as t from claims_v1
  union select claim_id, known_until from claims_v1 where known_until is not null
  union select claim_id, known_from from allocations_v1
  union select claim_id, known_until from allocations_v1 where known_until is not null
  union select a.claim_id, p.known_from from allocations_v1 a join payments_v1 p using (payment_id)
  union select a.claim_id, p.known_until from allocations_v1 a join payments_v1 p using (payment_id)
    where p.known_until is not null
), iv as (
  select claim_id, t as t0, lead(t) over (partition by claim_id order by t) as t1 from inst
), c as (
  select iv.t0, iv.t1, c.* from iv join claims_v1 c on c.claim_id = iv.claim_id
    and c.known_from <= iv.t0 and (c.known_until is null or c.known_until > iv.t0)
), steps as (
  select claim_id, t0, '-infinity'::date as paid_on, 0::numeric as amount from c
  union all
  select c.claim_id, c.t0, p.paid_on, sum(a.amount_usd) from c
    join allocations_v1 a on a.claim_id = c.claim_id
      and a.known_from <= c.t0 and (a.known_until is null or a.known_until > c.t0)
    join payments_v1 p on p.payment_id = a.payment_id
      and p.known_from <= c.t0 and (p.known_until is null or p.known_until > c.t0)
  group by c.claim_id, c.t0, p.paid_on
), running as (
  select claim_id, t0, paid_on, sum(amount) over (partition by claim_id, t0 order by paid_on) as settled,
    lead(paid_on) over (partition by claim_id, t0 order by paid_on) as next
  from steps
)
select c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd, c.certified_on,
  tstzrange(c.t0, c.t1) as known,
  datemultirange(daterange(c.certified_on, null)) - coalesce(
    range_agg(daterange(r.paid_on, r.next)) filter (where r.settled = c.amount_usd), '{}'::datemultirange) as open,
  array_agg(r.paid_on order by r.paid_on) as paid_on, array_agg(r.settled order by r.paid_on) as settled_usd
from c join running r on r.claim_id = c.claim_id and r.t0 = c.t0
group by c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd,
  c.certified_on, c.t0, c.t1;
create index on proto.claim_open_known using gist (open, known);

-- 2. Bitemporal period sums: per measure, key, detail and period (year 'y' / month 'm'), the running sum
--    of the period's row versions held, one version per instant at which it changed.
create table proto.sums_known as
with r as (
  select 'certified' as measure, contributor as key, '' as detail, amount_usd, certified_on as dated,
    known_from, known_until from claims_v1
  union all
  select 'component', c.contributor, coalesce(k.component, c.category), coalesce(k.amount_usd, c.amount_usd),
    c.certified_on, c.known_from, c.known_until
  from claims_v1 c left join claim_components_v1 k on k.claim_id = c.claim_id
    and k.known_from_position = c.known_from_position
  union all
  select 'paid', contributor, '', amount_usd, paid_on, known_from, known_until from payments_v1
), d as (  -- +amount when a version became known, -amount when it was replaced
  select measure, key, detail, dated, known_from as t, amount_usd as delta from r
  union all
  select measure, key, detail, dated, known_until, -amount_usd from r where known_until is not null
), p as (
  select measure, key, detail, v.kind, v.period, t, sum(delta) as delta
  from d, lateral (values ('y', to_char(dated, 'YYYY')), ('m', to_char(dated, 'YYYY-MM'))) v(kind, period)
  group by 1, 2, 3, 4, 5, 6
)
select measure, key, detail, kind as period_kind, period,
  tstzrange(t, lead(t) over w) as known,
  sum(delta) over (w rows between unbounded preceding and current row)::numeric(17, 2) as amount_usd
from p window w as (partition by measure, key, detail, kind, period order by t);
create index on proto.sums_known using gist (known);
create index on proto.sums_known (measure, period_kind, period);
analyze proto.claim_open_known; analyze proto.sums_known;
alter table proto.sums_known add column span daterange;
update proto.sums_known set span = case period_kind
  when 'y' then daterange(to_date(period, 'YYYY'), (to_date(period, 'YYYY') + interval '1 year')::date)
  else daterange(to_date(period, 'YYYY-MM'), (to_date(period, 'YYYY-MM') + interval '1 month')::date) end;
create index sums_known_y on proto.sums_known using gist (span, known) where period_kind = 'y';
create index sums_known_m on proto.sums_known using gist (span, known) where period_kind = 'm';
analyze proto.sums_known;
-- the rows of each measure by business date, for the asOf's own month
create table proto.rows_known as
select 'certified' as measure, contributor as key, '' as detail, amount_usd, certified_on as dated,
  tstzrange(known_from, known_until) as known from hist_projections.claims_v1
union all
select 'component', c.contributor, coalesce(k.component, c.category), coalesce(k.amount_usd, c.amount_usd),
  c.certified_on, tstzrange(c.known_from, c.known_until)
from hist_projections.claims_v1 c left join hist_projections.claim_components_v1 k on k.claim_id = c.claim_id
  and k.known_from_position = c.known_from_position
union all
select 'paid', contributor, '', amount_usd, paid_on, tstzrange(known_from, known_until) from hist_projections.payments_v1;
create index on proto.rows_known (dated);
analyze proto.rows_known;
create index sk_order on proto.sums_known (period_kind, span, measure, key, detail, known);
cluster proto.sums_known using sk_order;
cluster proto.claim_open_known using claim_open_known_open_known_idx;
analyze proto.claim_open_known, proto.sums_known;

-- The answer as of :asof as known at :ka: the claims open then, with what they owed, and the certified,
-- component and paid sums per contributor (years before asOf's, its year's months before its own, its own
-- month's rows). The folded settled row of a contributor is its certified sum less its open claims'.
with o as materialized (
  select claim_id, contributor, amount_usd, coalesce((select s.settled from unnest(paid_on, settled_usd) s(paid_on, settled)
     where s.paid_on <= :asof::date order by s.paid_on desc limit 1), 0) as settled
  from proto.claim_open_known where open @> :asof::date and known @> :ka::timestamptz
), s as materialized (
  select measure, key, detail, sum(amount_usd) as amount_usd from (
    select measure, key, detail, amount_usd from proto.sums_known
    where period_kind = 'y' and span << daterange(date_trunc('year', :asof::date)::date, null)
      and known @> :ka::timestamptz
    union all
    select measure, key, detail, amount_usd from proto.sums_known
    where period_kind = 'm' and span <@ daterange(date_trunc('year', :asof::date)::date, date_trunc('month', :asof::date)::date)
      and known @> :ka::timestamptz
    union all
    select measure, key, detail, amount_usd from proto.rows_known
    where dated >= date_trunc('month', :asof::date)::date and dated <= :asof::date and known @> :ka::timestamptz
  ) x group by 1, 2, 3
)
select 'open' as what, contributor as key, '' as detail, count(*) as n, sum(amount_usd - settled) as amount from o group by contributor
union all select measure, key, detail, 0, amount_usd from s
order by 1, 2, 3;
