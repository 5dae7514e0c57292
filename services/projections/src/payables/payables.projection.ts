import type { ClaimCertified, IntegrationEvent, PaymentMade } from '@coe/contracts';
import { contractEventsOf } from '@coe/messaging';
import {
  advanceKnownThrough,
  firstByKey,
  KNOWN_THROUGH_COLUMNS,
  PERIOD_SUM_COLUMNS,
  PERIOD_SUM_INDEXES,
  KNOWN_PERIOD_SUM_COLUMNS,
  KNOWN_PERIOD_SUM_INDEXES,
  KNOWN_INSTANT_INDEXES,
  type PeriodMeasure,
  recomputeKnownPeriodSums,
  deferKnownSums,
  recomputePeriodSums,
  withIndexScans,
  insertRows,
  type Row,
  type ProjectionDefinition,
  KNOWN_COLUMNS,
  knownFrom,
  knownIndexes,
  type VersionTables,
} from '@coe/projection-engine';
import type { PoolClient } from 'pg';

type Tables =
  | 'claims'
  | 'claim_components'
  | 'payments'
  | 'allocations'
  | 'claim_open'
  | 'claim_settled'
  | 'claim_open_known'
  | 'payable_sums'
  | 'payable_sums_known'
  | 'payables_known_through';

// Facts only, with their business dates; no foreign keys, because a payment's event may arrive before
// the claim's (different streams, different Kafka partitions). Reports join at read time. Every row
// carries when it became known (KNOWN_COLUMNS); a claim certified again gets a new version.
const CLAIM = `
  claim_id text not null,
  claim_ref text not null,
  mission text not null,
  contributor text not null,
  category text not null,
  period text not null,
  amount_usd numeric(15, 2) not null,
  certified_on date not null`;
const CLAIMS = `${CLAIM},
  ${KNOWN_COLUMNS},
  primary key (claim_id, known_from_position)`;

// A claim's amount by component (personnel, major equipment, …): its certified lines, or its one category
// when it has none (an imported claim).
const CLAIM_COMPONENTS = `
  claim_id text not null,
  component text not null,
  amount_usd numeric(15, 2) not null,
  ${KNOWN_COLUMNS},
  primary key (claim_id, component, known_from_position)`;

const PAYMENTS = `
  payment_id text primary key,
  payment_ref text not null,
  mission text not null,
  contributor text not null,
  amount_usd numeric(15, 2) not null,
  paid_on date not null,
  payment_run_id text,
  ${KNOWN_COLUMNS}`;

const ALLOCATIONS = `
  payment_id text not null,
  claim_id text not null,
  claim_ref text not null,
  amount_usd numeric(15, 2) not null,
  ${KNOWN_COLUMNS},
  primary key (payment_id, claim_id)`;

// Derived, for the current state only (the last span of claim_open_known below, which a report as known at
// an earlier instant reads): each current claim with the dates on which something is outstanding on it (from its
// certification, less the days on which the payments made by then settle it exactly), and what payments
// had settled of it by each payment date, so the claims open on a date and their balances are one GiST
// lookup, whatever the decade behind them. `paid_on` is sorted, '-infinity' (nothing settled) first, and
// `settled_usd` is the running sum at each date: readers find the entry of a date with width_bucket.
const OPEN_DATES = `
  open datemultirange not null,
  paid_on date[] not null,
  settled_usd numeric[] not null`;
const CLAIM_OPEN = `${CLAIM},${OPEN_DATES},
  primary key (claim_id)`;

// Derived from claim_open, for the current state only: each span of days on which a claim is settled in
// full, from the day the payment that settled it was made (its certification, when nothing was owed) to the
// next payment date (null: still settled), so a contributor's statement pages its claims settled on a date,
// the most recently settled first, down an index instead of through every claim of the decade.
const CLAIM_SETTLED = `
  claim_id text not null,
  contributor text not null,
  settled_on date not null,
  settled_until date,
  certified_on date not null,
  primary key (claim_id, settled_on)`;

// Derived from the row versions, for reports as known at an earlier instant: claim_open's rows as they
// were held over spans of recorded time (`known`), one per claim and span between two instants at which
// its version, one of its allocations or their payment became known or was replaced. The claims open on a
// date as known at an instant are one GiST lookup on (open, known).
const CLAIM_OPEN_KNOWN = `${CLAIM},
  known tstzrange not null,${OPEN_DATES},
  primary key (claim_id, known)`;

/**
 * What payables sums by period, keyed by contributor: over the current rows (PERIOD_SUM_COLUMNS), or over
 * every row version with when each was held (`every`: KnownPeriodMeasure, KNOWN_PERIOD_SUM_COLUMNS).
 */
export const payablesMeasures = (
  t: { claims: string; claim_components: string; payments: string },
  every = false,
): Record<'certified' | 'missionCategory' | 'component' | 'paid', PeriodMeasure> => {
  const held = (alias: string) =>
    every
      ? { known: `, ${alias}.known_from, ${alias}.known_until`, where: 'true' }
      : { known: '', where: `${alias}.known_until is null` };
  const c = held('c');
  return {
    certified: {
      measure: 'certified',
      rows: `select c.contributor as key, '' as detail, c.amount_usd, c.certified_on as dated${c.known}
        from ${t.claims} c where ${c.where}`,
    },
    // certified by mission and category (detail: the JSON array [mission, category]), with the number of
    // claims: a statement's settled claims are these less its open ones
    missionCategory: {
      measure: 'mission-category',
      rows: `select c.contributor as key, json_build_array(c.mission, c.category)::text as detail, c.amount_usd,
          c.certified_on as dated${c.known}
        from ${t.claims} c where ${c.where}`,
    },
    // a claim projected before components were kept has none: its category stands for the whole. The
    // components are looked up claim by claim (offset 0 keeps the lateral join from being flattened): a hash
    // join would read every component of the decade to add up a month's claims.
    component: {
      measure: 'component',
      rows: `select c.contributor as key, coalesce(k.component, c.category) as detail,
          coalesce(k.amount_usd, c.amount_usd) as amount_usd, c.certified_on as dated${c.known}
        from ${t.claims} c left join lateral (
          select component, amount_usd from ${t.claim_components} k
          where k.claim_id = c.claim_id and k.known_from_position = c.known_from_position offset 0
        ) k on true
        where ${c.where}`,
    },
    // a payment is never replaced (the first stays)
    paid: {
      measure: 'paid',
      rows: `select p.contributor as key, '' as detail, p.amount_usd, p.paid_on as dated${held('p').known}
        from ${t.payments} p`,
    },
  };
};

/**
 * Recomputes every known span of `claimIds` from their row versions: between two instants at which the
 * claim's version, one of its allocations or their payment became known or was replaced, the version held
 * at the first and the allocations of payments held then give its open dates: the running sum of what
 * payments settled, date by date (zero before the first), equal to the amount from one payment date to the
 * next means settled for those days; the rest from the certification is open.
 */
export const claimOpenKnownSql = (t: {
  claims: string;
  payments: string;
  allocations: string;
  claim_open_known: string;
}) => `
  with ids as (
    select distinct claim_id from unnest($1::text[]) as ids(claim_id)
  ), a as (
    select ids.claim_id, x.amount_usd, x.paid_on, x.known_from, x.known_until
    from ids cross join lateral (
      select a.amount_usd, p.paid_on, greatest(a.known_from, p.known_from) as known_from,
        nullif(least(coalesce(a.known_until, 'infinity'), coalesce(p.known_until, 'infinity')), 'infinity')
          as known_until
      from ${t.allocations} a join ${t.payments} p on p.payment_id = a.payment_id
      where a.claim_id = ids.claim_id
    ) x
  ), versions as (
    select ids.claim_id, v.* from ids cross join lateral (
      select c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd, c.certified_on,
        c.known_from, c.known_until
      from ${t.claims} c where c.claim_id = ids.claim_id
    ) v
  ), instants as (
    select claim_id, known_from as t from versions
    union select claim_id, known_until from versions where known_until is not null
    union select claim_id, known_from from a
    union select claim_id, known_until from a where known_until is not null
  ), spans as (
    select claim_id, t as t0, lead(t) over (partition by claim_id order by t) as t1 from instants
  ), c as (
    select s.t0, s.t1, c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd,
      c.certified_on
    from spans s join versions c on c.claim_id = s.claim_id
      and c.known_from <= s.t0 and (c.known_until is null or c.known_until > s.t0)
  ), steps as (
    select claim_id, t0, '-infinity'::date as paid_on, 0::numeric as amount from c
    union all
    select c.claim_id, c.t0, a.paid_on, sum(a.amount_usd) from c
      join a on a.claim_id = c.claim_id and a.known_from <= c.t0 and (a.known_until is null or a.known_until > c.t0)
    group by c.claim_id, c.t0, a.paid_on
  ), running as (
    select claim_id, t0, paid_on, sum(amount) over (partition by claim_id, t0 order by paid_on) as settled,
      lead(paid_on) over (partition by claim_id, t0 order by paid_on) as next
    from steps
  )
  insert into ${t.claim_open_known} (claim_id, claim_ref, mission, contributor, category, period, amount_usd,
    certified_on, known, open, paid_on, settled_usd)
  select c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd, c.certified_on,
    tstzrange(c.t0, c.t1),
    datemultirange(daterange(c.certified_on, null)) - coalesce(
      range_agg(daterange(r.paid_on, r.next)) filter (where r.settled = c.amount_usd), '{}'::datemultirange),
    array_agg(r.paid_on order by r.paid_on), array_agg(r.settled order by r.paid_on)
  from c join running r on r.claim_id = c.claim_id and r.t0 = c.t0
  group by c.claim_id, c.claim_ref, c.mission, c.contributor, c.category, c.period, c.amount_usd,
    c.certified_on, c.t0, c.t1`;

/**
 * The current state of `claimIds` (claim_open) is their last known span, open-ended: the current version
 * and every allocation held from the latest instant on. Claims with no version yet (a payment recorded
 * first) have none.
 */
const claimOpenSql = (t: { claim_open: string; claim_open_known: string }) => `
  insert into ${t.claim_open} (claim_id, claim_ref, mission, contributor, category, period, amount_usd,
    certified_on, open, paid_on, settled_usd)
  select claim_id, claim_ref, mission, contributor, category, period, amount_usd, certified_on, open, paid_on,
    settled_usd
  from ${t.claim_open_known} where claim_id = any($1::text[]) and upper_inf(known)
  on conflict (claim_id) do update set claim_ref = excluded.claim_ref, mission = excluded.mission,
    contributor = excluded.contributor, category = excluded.category, period = excluded.period,
    amount_usd = excluded.amount_usd, certified_on = excluded.certified_on, open = excluded.open,
    paid_on = excluded.paid_on, settled_usd = excluded.settled_usd`;

/**
 * Recomputes the settled spans of `claimIds` from their rows of claim_open: the entries of their running
 * settled sums equal to the amount, each to the next payment date; a span ending before the claim's
 * certification (a payment recorded before the claim) is no span.
 */
const claimSettledSql = (t: { claim_open: string; claim_settled: string }) => `
  insert into ${t.claim_settled} (claim_id, contributor, settled_on, settled_until, certified_on)
  select o.claim_id, o.contributor, case when s.i = 1 then o.certified_on else o.paid_on[s.i] end,
    o.paid_on[s.i + 1], o.certified_on
  from ${t.claim_open} o cross join lateral generate_subscripts(o.paid_on, 1) s(i)
  where o.claim_id = any($1::text[]) and o.settled_usd[s.i] = o.amount_usd
    and (o.paid_on[s.i + 1] is null or o.paid_on[s.i + 1] > greatest(o.paid_on[s.i], o.certified_on))`;

const claimRow = (claim: ClaimCertified): Row => ({
  claim_id: claim.claimId,
  claim_ref: claim.claimRef,
  mission: claim.mission,
  contributor: claim.contributor,
  category: claim.category,
  period: claim.period,
  amount_usd: claim.amountUsd,
  certified_on: claim.certifiedOn,
});

const componentRows = (claim: ClaimCertified): Row[] =>
  (claim.lines && claim.lines.length > 0
    ? claim.lines
    : [{ component: claim.category, amountUsd: claim.amountUsd }]
  ).map((l) => ({ claim_id: claim.claimId, component: l.component, amount_usd: l.amountUsd }));

const paymentRow = (payment: PaymentMade): Row => ({
  payment_id: payment.paymentId,
  payment_ref: payment.paymentRef,
  mission: payment.mission,
  contributor: payment.contributor,
  amount_usd: payment.amountUsd,
  paid_on: payment.paidOn,
  payment_run_id: payment.paymentRunId,
});

const allocationRows = (payment: PaymentMade): Row[] =>
  payment.allocations.map((a) => ({
    payment_id: payment.paymentId,
    claim_id: a.claimId,
    claim_ref: a.claimRef,
    amount_usd: a.amountUsd,
  }));

type Certification = { claim: ClaimCertified; known: Row; until: Row };
const CURRENT = { known_until: null, known_until_position: null };

/**
 * Each certification of the batch as a version of its claim, closed by the next one of the same claim in
 * the batch (the last stays current); and the first one of each claim, which closes the stored version.
 */
const certificationsOf = (events: readonly IntegrationEvent[]) => {
  const all = contractEventsOf('reimbursement', 'ClaimCertified', events).map(
    (e): Certification => ({ claim: e.data, known: knownFrom(e), until: CURRENT }),
  );
  const next = new Map<string, Certification>();
  for (const c of [...all].reverse()) {
    const later = next.get(c.claim.claimId);
    if (later)
      c.until = {
        known_until: later.known.known_from,
        known_until_position: later.known.known_from_position,
      };
    next.set(c.claim.claimId, c);
  }
  return { all, first: [...next.values()] };
};

/** Closes the stored current version of each claim the batch certifies again (its first certification's time). */
const closeSql = (table: string) => `
  update ${table} as t set known_until = (e->>1)::timestamptz, known_until_position = (e->>2)::bigint
  from jsonb_array_elements($1::jsonb) as e
  where t.claim_id = e->>0 and t.known_until is null and t.known_from_position < (e->>2)::bigint`;

export const payablesProjection: ProjectionDefinition<Tables> = {
  name: 'payables',
  sources: ['reimbursement'],
  eventTypes: ['ClaimCertified', 'PaymentMade'],
  tables: {
    // a contributor's statement reads its claims by certification date and its payments latest first
    claims: {
      columns: CLAIMS,
      indexes: [
        ...knownIndexes('claim_id'),
        '(contributor, certified_on) where known_until is null',
        '(certified_on) where known_until is null',
        '(contributor, certified_on)',
        // the known period sums add up the row versions of an asOf's own month
        '(certified_on)',
        ...KNOWN_INSTANT_INDEXES,
      ],
    },
    claim_components: { columns: CLAIM_COMPONENTS, indexes: knownIndexes('claim_id') },
    payments: {
      columns: PAYMENTS,
      indexes: [
        ...knownIndexes('payment_id'),
        '(contributor, paid_on)',
        '(paid_on)',
        '(contributor, paid_on desc, payment_id desc)',
        ...KNOWN_INSTANT_INDEXES,
      ],
    },
    // a statement as known at an instant reads its claims' allocations of every version by claim
    allocations: { columns: ALLOCATIONS, indexes: [...knownIndexes('claim_id'), '(claim_id)'] },
    // the claims open on a date; a contributor's statement reads its claims by certification date
    claim_open: { columns: CLAIM_OPEN, indexes: ['using gist (open)', '(contributor, certified_on)'] },
    // a contributor's statement pages the claims settled on a date, the most recently settled first
    claim_settled: {
      columns: CLAIM_SETTLED,
      indexes: ['(contributor, settled_on desc, claim_id desc)'],
    },
    // reports as known at an earlier instant: the claims open on a date, and the period sums, as then held
    claim_open_known: { columns: CLAIM_OPEN_KNOWN, indexes: ['using gist (open, known)'] },
    payable_sums: { columns: PERIOD_SUM_COLUMNS, indexes: PERIOD_SUM_INDEXES },
    payable_sums_known: { columns: KNOWN_PERIOD_SUM_COLUMNS, indexes: KNOWN_PERIOD_SUM_INDEXES },
    payables_known_through: { columns: KNOWN_THROUGH_COLUMNS },
  },
  rebuildWithout: [
    'claim_open',
    'claim_settled',
    'claim_open_known',
    'payable_sums',
    'payable_sums_known',
    'payables_known_through',
  ],
  knownSums: (t) => {
    const every = payablesMeasures(t, true);
    return [{ table: t.payable_sums_known, measures: [every.certified, every.component, every.paid] }];
  },
  // a claim certified again makes a new version of its row and components (latest wins); a payment and its
  // allocations stay as first written (first wins)
  async apply(events, tx, tables) {
    const { claims, claim_components, payments, allocations } = tables;
    const { all, first } = certificationsOf(events);
    if (first.length > 0) {
      const closing = JSON.stringify(
        first.map((c) => [c.claim.claimId, c.known.known_from, c.known.known_from_position]),
      );
      await tx.query(closeSql(claims), [closing]);
      await tx.query(closeSql(claim_components), [closing]);
    }
    await insertRows(
      tx,
      claims,
      all.map((c) => ({ ...claimRow(c.claim), ...c.known, ...c.until })),
      'on conflict do nothing',
    );
    await insertRows(
      tx,
      claim_components,
      all.flatMap((c) => componentRows(c.claim).map((r) => ({ ...r, ...c.known, ...c.until }))),
      'on conflict do nothing',
    );
    const paid = contractEventsOf('reimbursement', 'PaymentMade', events).map((e) => ({
      payment: e.data,
      known: knownFrom(e),
    }));
    await insertRows(
      tx,
      payments,
      firstByKey(paid, (p) => p.payment.paymentId).map((p) => ({ ...paymentRow(p.payment), ...p.known })),
      'on conflict (payment_id) do nothing',
    );
    await insertRows(
      tx,
      allocations,
      firstByKey(
        paid.flatMap((p) => allocationRows(p.payment).map((a): Row => ({ ...a, ...p.known }))),
        (a) => JSON.stringify([a.payment_id, a.claim_id]),
      ),
      'on conflict (payment_id, claim_id) do nothing',
    );
    await applyDerived(
      tx,
      tables,
      events.length,
      all.map((c) => [c.claim.claimId, String(c.known.known_from)] as const),
      paid.map((p) => ({ ...p.payment, at: String(p.known.known_from) })),
    );
    await advanceKnownThrough(tx, tables.payables_known_through, events);
  },
};

/**
 * The derived tables of what a batch of `batchSize` events touched: its claims' open dates and the periods
 * of their sums (those over recorded time left pending when the batch is catching up: deferKnownSums).
 */
const applyDerived = async (
  tx: PoolClient,
  t: VersionTables<Tables>,
  batchSize: number,
  certified: readonly (readonly [claimId: string, at: string])[],
  paid: readonly (PaymentMade & { at: string })[],
) => {
  const claimIds = [
    ...new Set([...certified.map(([id]) => id), ...paid.flatMap((p) => p.allocations.map((a) => a.claimId))]),
  ];
  if (claimIds.length > 0) {
    // the spans over recorded time, then the current state (the last of them), then its settled spans
    await withIndexScans(tx, async () => {
      await tx.query(`delete from ${t.claim_open_known} where claim_id = any($1::text[])`, [claimIds]);
      await tx.query(claimOpenKnownSql(t), [claimIds]);
    });
    await tx.query(claimOpenSql(t), [claimIds]);
    await tx.query(`delete from ${t.claim_settled} where claim_id = any($1::text[])`, [claimIds]);
    await tx.query(claimSettledSql(t), [claimIds]);
  }
  if (certified.length === 0 && paid.length === 0) return;
  const measures = payablesMeasures(t);
  // every version of the claims certified, so the periods an earlier version counted in are recomputed too,
  // with the instant of the certification that changed them
  const { rows } = await tx.query<{ key: string; dated: string; at: string }>(
    `select distinct c.contributor as key, to_char(c.certified_on, 'YYYY-MM-DD') as dated, x.at
     from ${t.claims} c join unnest($1::text[], $2::text[]) x(claim_id, at) on x.claim_id = c.claim_id`,
    [certified.map(([id]) => id), certified.map(([, at]) => at)],
  );
  const touched = rows.map((r) => [r.key, r.dated] as const);
  const touchedAt = rows.map((r) => [r.key, r.dated, r.at] as const);
  await recomputePeriodSums(tx, t.payable_sums, measures.certified, touched);
  await recomputePeriodSums(tx, t.payable_sums, measures.missionCategory, touched);
  await recomputePeriodSums(tx, t.payable_sums, measures.component, touched);
  const paidOn = paid.map((p) => [p.contributor, p.paidOn] as const);
  await recomputePeriodSums(tx, t.payable_sums, measures.paid, paidOn);
  const instants = [...touchedAt.map(([, , at]) => at), ...paid.map((p) => p.at)];
  if (await deferKnownSums(tx, t.payable_sums_known, batchSize, instants)) return;
  const every = payablesMeasures(t, true);
  await recomputeKnownPeriodSums(tx, t.payable_sums_known, every.certified, touchedAt);
  await recomputeKnownPeriodSums(tx, t.payable_sums_known, every.component, touchedAt);
  await recomputeKnownPeriodSums(
    tx,
    t.payable_sums_known,
    every.paid,
    paid.map((p) => [p.contributor, p.paidOn, p.at] as const),
  );
};
