import type {
  AssessmentReceived,
  InterMissionLoanMade,
  InterMissionLoanRepaid,
  PaymentMade,
  PaymentRunExecuted,
} from '@coe/contracts';
import type { ProjectionDefinition } from '../projection/projection.definition';

type Tables = 'fund_receipts' | 'fund_payments' | 'loans' | 'loan_repayments' | 'payment_runs';

// Movements of each mission's fund with their business dates; balances are sums "as of" a date.
// Receipts and repayments carry no id of their own: the event id is theirs.
const TABLES = {
  fund_receipts: {
    columns: `event_id uuid primary key, mission text not null, amount_usd numeric(15, 2) not null,
      received_on date not null`,
  },
  fund_payments: {
    columns: `payment_id text primary key, mission text not null, contributor text not null,
      amount_usd numeric(15, 2) not null, paid_on date not null, payment_run_id text`,
  },
  loans: {
    columns: `loan_id text primary key, lender_mission text not null, borrower_mission text not null,
      amount_usd numeric(15, 2) not null, lent_on date not null`,
  },
  loan_repayments: {
    columns: `event_id uuid primary key, loan_id text not null, amount_usd numeric(15, 2) not null,
      repaid_on date not null`,
  },
  payment_runs: {
    columns: `run_id text primary key, quarter text not null, executed_on date not null,
      available_cash_usd numeric(15, 2) not null, reserve_usd numeric(15, 2) not null,
      paid_usd numeric(15, 2) not null, paid_without_pool_usd numeric(15, 2) not null`,
  },
} as const;

export const cashPoolProjection: ProjectionDefinition<Tables> = {
  name: 'cash-pool',
  sources: ['reimbursement'],
  eventTypes: [
    'AssessmentReceived',
    'PaymentMade',
    'InterMissionLoanMade',
    'InterMissionLoanRepaid',
    'PaymentRunExecuted',
  ],
  tables: TABLES,
  async apply(event, tx, tables) {
    switch (event.type) {
      case 'AssessmentReceived': {
        const { mission, amountUsd, receivedOn } = event.data as AssessmentReceived;
        await tx.query(
          `insert into ${tables.fund_receipts} (event_id, mission, amount_usd, received_on)
           values ($1, $2, $3::numeric, $4::date) on conflict do nothing`,
          [event.id, mission, amountUsd, receivedOn],
        );
        return;
      }
      case 'PaymentMade': {
        const p = event.data as PaymentMade;
        await tx.query(
          `insert into ${tables.fund_payments} (payment_id, mission, contributor, amount_usd, paid_on, payment_run_id)
           values ($1, $2, $3, $4::numeric, $5::date, $6) on conflict do nothing`,
          [p.paymentId, p.mission, p.contributor, p.amountUsd, p.paidOn, p.paymentRunId],
        );
        return;
      }
      case 'InterMissionLoanMade': {
        const loan = event.data as InterMissionLoanMade;
        await tx.query(
          `insert into ${tables.loans} (loan_id, lender_mission, borrower_mission, amount_usd, lent_on)
           values ($1, $2, $3, $4::numeric, $5::date) on conflict do nothing`,
          [loan.loanId, loan.lenderMission, loan.borrowerMission, loan.amountUsd, loan.lentOn],
        );
        return;
      }
      case 'InterMissionLoanRepaid': {
        const { loanId, amountUsd, repaidOn } = event.data as InterMissionLoanRepaid;
        await tx.query(
          `insert into ${tables.loan_repayments} (event_id, loan_id, amount_usd, repaid_on)
           values ($1, $2, $3::numeric, $4::date) on conflict do nothing`,
          [event.id, loanId, amountUsd, repaidOn],
        );
        return;
      }
      case 'PaymentRunExecuted': {
        const run = event.data as PaymentRunExecuted;
        await tx.query(
          `insert into ${tables.payment_runs} (run_id, quarter, executed_on, available_cash_usd, reserve_usd,
             paid_usd, paid_without_pool_usd)
           values ($1, $2, $3::date, $4::numeric, $5::numeric, $6::numeric, $7::numeric) on conflict do nothing`,
          [
            run.runId,
            run.quarter,
            run.executedOn,
            run.availableCashUsd,
            run.reserveUsd,
            run.paidUsd,
            run.paidWithoutPoolUsd,
          ],
        );
        return;
      }
    }
  },
};
