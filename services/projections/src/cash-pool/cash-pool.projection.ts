import type { ContractEvents, ContractType, IntegrationEvent } from '@coe/contracts';
import { contractEventsOf } from '@coe/messaging';
import {
  firstByKey,
  insertRows,
  type Row,
  type ProjectionDefinition,
  KNOWN_COLUMNS,
  knownFrom,
  knownIndexes,
} from '@coe/projection-engine';

type Tables =
  | 'fund_receipts'
  | 'fund_payments'
  | 'loans'
  | 'loan_repayments'
  | 'payment_runs'
  | 'mission_statuses';

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
const FILLS: Record<Tables, Fill> = {
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

export const cashPoolProjection: ProjectionDefinition<Tables> = {
  name: 'cash-pool',
  sources: ['reimbursement'],
  eventTypes: Object.values(FILLS).map((f) => f.type),
  tables: Object.fromEntries(
    Object.entries(TABLES).map(([table, { columns }]) => [
      table,
      { columns, indexes: knownIndexes(FILLS[table as Tables].key) },
    ]),
  ) as Record<Tables, { columns: string; indexes: string[] }>,
  async apply(events, tx, tables) {
    for (const [table, { key, rows: rowsOf }] of Object.entries(FILLS)) {
      const rows = rowsOf(events);
      await insertRows(
        tx,
        tables[table as Tables],
        firstByKey(rows, (r) => String(r[key])),
        'on conflict do nothing',
      );
    }
  },
};
