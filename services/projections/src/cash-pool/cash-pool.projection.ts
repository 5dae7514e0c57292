import type { ContractEvents, ContractType, IntegrationEvent } from '@coe/contracts';
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
  type VersionTables,
  insertRows,
  type Row,
  type ProjectionDefinition,
  KNOWN_COLUMNS,
  knownFrom,
  knownIndexes,
} from '@coe/projection-engine';
import type { PoolClient } from 'pg';

type FactTables =
  | 'fund_receipts'
  | 'fund_payments'
  | 'loans'
  | 'loan_repayments'
  | 'payment_runs'
  | 'mission_statuses';
type Tables = FactTables | 'fund_sums' | 'fund_sums_known' | 'run_payments' | 'fund_known_through';

// Movements of each mission's fund with their business dates; balances are sums "as of" a date.
// Receipts and repayments carry no id of their own: the event id is theirs. Each row says when it became
// known (KNOWN_COLUMNS); none is ever replaced.
const TABLES = {
  fund_receipts: {
    columns: `event_id uuid primary key, mission text not null, amount_usd numeric(15, 2) not null,
      received_on date not null,
      ${KNOWN_COLUMNS}`,
  },
  fund_payments: {
    columns: `payment_id text primary key, mission text not null, contributor text not null,
      amount_usd numeric(15, 2) not null, paid_on date not null, payment_run_id text,
      ${KNOWN_COLUMNS}`,
  },
  loans: {
    columns: `loan_id text primary key, lender_mission text not null, borrower_mission text not null,
      amount_usd numeric(15, 2) not null, lent_on date not null,
      ${KNOWN_COLUMNS}`,
  },
  loan_repayments: {
    columns: `event_id uuid primary key, loan_id text not null, amount_usd numeric(15, 2) not null,
      repaid_on date not null,
      ${KNOWN_COLUMNS}`,
  },
  payment_runs: {
    columns: `run_id text primary key, quarter text not null, executed_on date not null,
      available_cash_usd numeric(15, 2) not null, reserve_usd numeric(15, 2) not null,
      paid_usd numeric(15, 2) not null, paid_without_pool_usd numeric(15, 2) not null,
      ${KNOWN_COLUMNS}`,
  },
  // added after the first version: created empty on the next start, and no earlier event fills it
  mission_statuses: {
    columns: `event_id uuid primary key, mission text not null, status text not null, effective_from date not null,
      ${KNOWN_COLUMNS}`,
  },
} as const;

type Published = ContractType<'reimbursement'>;
type Fill = { type: Published; key: string; rows: (events: readonly IntegrationEvent[]) => Row[] };

// the rows of a batch's events of `type`, their data typed by the contract map (no cast)
const fill = <T extends Published>(
  type: T,
  key: string,
  row: (data: ContractEvents['reimbursement'][T], eventId: string) => Row,
): Fill => ({
  type,
  key,
  rows: (events) =>
    contractEventsOf('reimbursement', type, events).map((e) => ({ ...row(e.data, e.id), ...knownFrom(e) })),
});

// The event that fills each table, its row, and the key under which the first row stays: every fact is
// written once. Receipts and repayments are keyed by their event's id; payments, loans and runs by their
// own ids, which a redelivery under another event id repeats.
const FILLS: Record<FactTables, Fill> = {
  fund_receipts: fill('AssessmentReceived', 'event_id', (r, eventId) => ({
    event_id: eventId,
    mission: r.mission,
    amount_usd: r.amountUsd,
    received_on: r.receivedOn,
  })),
  fund_payments: fill('PaymentMade', 'payment_id', (p) => ({
    payment_id: p.paymentId,
    mission: p.mission,
    contributor: p.contributor,
    amount_usd: p.amountUsd,
    paid_on: p.paidOn,
    payment_run_id: p.paymentRunId,
  })),
  loans: fill('InterMissionLoanMade', 'loan_id', (l) => ({
    loan_id: l.loanId,
    lender_mission: l.lenderMission,
    borrower_mission: l.borrowerMission,
    amount_usd: l.amountUsd,
    lent_on: l.lentOn,
  })),
  loan_repayments: fill('InterMissionLoanRepaid', 'event_id', (r, eventId) => ({
    event_id: eventId,
    loan_id: r.loanId,
    amount_usd: r.amountUsd,
    repaid_on: r.repaidOn,
  })),
  payment_runs: fill('PaymentRunExecuted', 'run_id', (r) => ({
    run_id: r.runId,
    quarter: r.quarter,
    executed_on: r.executedOn,
    available_cash_usd: r.availableCashUsd,
    reserve_usd: r.reserveUsd,
    paid_usd: r.paidUsd,
    paid_without_pool_usd: r.paidWithoutPoolUsd,
  })),
  mission_statuses: fill('MissionStatusRecorded', 'event_id', (m, eventId) => ({
    event_id: eventId,
    mission: m.mission,
    status: m.status,
    effective_from: m.effectiveFrom,
  })),
};

// the business dates reports read by, and the runs' payments
const DATED: Partial<Record<string, string[]>> = {
  fund_receipts: ['(mission, received_on)', '(received_on)'],
  fund_payments: ['(mission, paid_on)', '(paid_on)', '(payment_run_id)'],
  payment_runs: ['(executed_on, run_id)'],
};

export const cashPoolProjection: ProjectionDefinition<Tables> = {
  name: 'cash-pool',
  sources: ['reimbursement'],
  eventTypes: Object.values(FILLS).map((f) => f.type),
  tables: {
    ...(Object.fromEntries(
      Object.entries(TABLES).map(([table, { columns }]) => [
        table,
        {
          columns,
          indexes: [
            ...knownIndexes(FILLS[table as FactTables].key),
            ...(DATED[table] ?? []),
            // the known period sums find the rows a batch changed by their instants
            ...(table === 'fund_receipts' || table === 'fund_payments' ? KNOWN_INSTANT_INDEXES : []),
          ],
        },
      ]),
    ) as Record<FactTables, { columns: string; indexes: string[] }>),
    // derived, current state only: receipts and payments of each mission by period, each run's payments
    fund_sums: { columns: PERIOD_SUM_COLUMNS, indexes: PERIOD_SUM_INDEXES },
    // the same sums over recorded time, for the report as known at an earlier instant
    fund_sums_known: { columns: KNOWN_PERIOD_SUM_COLUMNS, indexes: KNOWN_PERIOD_SUM_INDEXES },
    run_payments: {
      columns: `run_id text primary key, payments integer not null, amount_usd numeric(17, 2) not null`,
    },
    fund_known_through: { columns: KNOWN_THROUGH_COLUMNS },
  },
  rebuildWithout: ['fund_sums', 'fund_sums_known', 'run_payments', 'fund_known_through'],
  knownSums: (t) => {
    const every = cashPoolMeasures(t, true);
    return [{ table: t.fund_sums_known, measures: [every.received, every.paid] }];
  },
  async apply(events, tx, tables) {
    const written: Partial<Record<FactTables, Row[]>> = {};
    for (const [table, { key, rows: rowsOf }] of Object.entries(FILLS)) {
      const rows = rowsOf(events);
      written[table as FactTables] = rows;
      await insertRows(
        tx,
        tables[table as FactTables],
        firstByKey(rows, (r) => String(r[key])),
        'on conflict do nothing',
      );
    }
    await applyDerived(tx, tables, events.length, written);
    await advanceKnownThrough(tx, tables.fund_known_through, events);
  },
};

/**
 * What the cash pool sums by period, each over its rows (never replaced), keyed by mission: over the rows
 * (PERIOD_SUM_COLUMNS), or with when each was held (`every`: KnownPeriodMeasure, KNOWN_PERIOD_SUM_COLUMNS).
 */
export const cashPoolMeasures = (
  t: { fund_receipts: string; fund_payments: string },
  every = false,
): Record<'received' | 'paid', PeriodMeasure> => {
  const known = every ? ', known_from, known_until' : '';
  return {
    received: {
      measure: 'received',
      rows: `select mission as key, '' as detail, amount_usd, received_on as dated${known} from ${t.fund_receipts}`,
    },
    paid: {
      measure: 'paid',
      rows: `select mission as key, '' as detail, amount_usd, paid_on as dated${known} from ${t.fund_payments}`,
    },
  };
};

/**
 * Recomputes the periods and runs a batch of `batchSize` events' receipts and payments touched, from the
 * stored rows (the sums over recorded time left pending when the batch is catching up: deferKnownSums).
 */
const applyDerived = async (
  tx: PoolClient,
  t: VersionTables<Tables>,
  batchSize: number,
  written: Partial<Record<FactTables, Row[]>>,
) => {
  const measures = cashPoolMeasures(t);
  const every = cashPoolMeasures(t, true);
  // each row's mission, business date and the instant it became known
  const touched = (rows: Row[] | undefined, date: string) =>
    (rows ?? []).map((r) => [String(r.mission), String(r[date]), String(r.known_from)] as const);
  const received = touched(written.fund_receipts, 'received_on');
  const paid = touched(written.fund_payments, 'paid_on');
  const dated = (rows: typeof received) => rows.map(([mission, on]) => [mission, on] as const);
  await recomputePeriodSums(tx, t.fund_sums, measures.received, dated(received));
  await recomputePeriodSums(tx, t.fund_sums, measures.paid, dated(paid));
  const instants = [...received, ...paid].map(([, , at]) => at);
  if (!(await deferKnownSums(tx, t.fund_sums_known, batchSize, instants))) {
    await recomputeKnownPeriodSums(tx, t.fund_sums_known, every.received, received);
    await recomputeKnownPeriodSums(tx, t.fund_sums_known, every.paid, paid);
  }
  const runs = [
    ...new Set((written.fund_payments ?? []).map((r) => r.payment_run_id).filter((r) => r != null)),
  ];
  if (runs.length === 0) return;
  await tx.query(
    `insert into ${t.run_payments} (run_id, payments, amount_usd)
     select payment_run_id, count(*), sum(amount_usd) from ${t.fund_payments}
     where payment_run_id = any($1::text[]) group by payment_run_id
     on conflict (run_id) do update set payments = excluded.payments, amount_usd = excluded.amount_usd`,
    [runs],
  );
};
