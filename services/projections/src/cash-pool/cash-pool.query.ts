import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { payablesProjection } from '../payables/payables.projection';
import { payablesReport } from '../payables/payables.report';
import { readPayables } from '../payables/payables.sql';
import { ProjectionsContext } from '../projections.context';
import { cashPoolProjection } from './cash-pool.projection';
import {
  type CashPoolReport,
  cashPoolReport,
  type FundMovements,
  type MissionStatusOn,
  type ReserveSource,
} from './cash-pool.report';

export class GetCashPool extends Query<CashPoolReport> {
  constructor(readonly asOf: string) {
    super();
  }
}

@QueryHandler(GetCashPool)
export class GetCashPoolHandler implements IQueryHandler<GetCashPool, CashPoolReport> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ asOf }: GetCashPool): Promise<CashPoolReport> {
    const t = await this.context.versions.activeTables(cashPoolProjection);
    const zero = '0::numeric';
    const { rows: movements } = await this.pool.query<FundMovements>(
      `select mission, sum(received)::text as "receivedUsd", sum(paid)::text as "paidUsd",
         sum(lent)::text as "lentUsd", sum(borrowed)::text as "borrowedUsd",
         sum(repaid_to_it)::text as "repaidToItUsd", sum(repaid_by_it)::text as "repaidByItUsd"
       from (
         select mission, amount_usd as received, ${zero} as paid, ${zero} as lent, ${zero} as borrowed,
           ${zero} as repaid_to_it, ${zero} as repaid_by_it
         from ${t.fund_receipts} where received_on <= $1::date
         union all
         select mission, 0, amount_usd, 0, 0, 0, 0 from ${t.fund_payments} where paid_on <= $1::date
         union all
         select lender_mission, 0, 0, amount_usd, 0, 0, 0 from ${t.loans} where lent_on <= $1::date
         union all
         select borrower_mission, 0, 0, 0, amount_usd, 0, 0 from ${t.loans} where lent_on <= $1::date
         union all
         select l.lender_mission, 0, 0, 0, 0, r.amount_usd, 0
         from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id where r.repaid_on <= $1::date
         union all
         select l.borrower_mission, 0, 0, 0, 0, 0, r.amount_usd
         from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id where r.repaid_on <= $1::date
       ) movement
       group by mission`,
      [asOf],
    );
    const { rows: runs } = await this.pool.query<{
      runId: string;
      quarter: string;
      executedOn: string;
      reserveUsd: string;
    }>(
      `select run_id as "runId", quarter, to_char(executed_on, 'YYYY-MM-DD') as "executedOn",
         reserve_usd::text as "reserveUsd"
       from ${t.payment_runs} where executed_on <= $1::date
       order by executed_on desc, run_id desc limit 1`,
      [asOf],
    );
    const latest = runs[0];
    // the reserve finance kept at its latest run; before any run, the configured one
    const reserve: { amountUsd: string } & ReserveSource = latest
      ? {
          amountUsd: latest.reserveUsd,
          source: 'payment-run',
          runId: latest.runId,
          quarter: latest.quarter,
          executedOn: latest.executedOn,
        }
      : { amountUsd: this.context.config.cashReserveUsd, source: 'config' };
    const payables = await readPayables(
      this.pool,
      await this.context.versions.activeTables(payablesProjection),
      asOf,
      null,
    );
    const { rows: statuses } = await this.pool.query<MissionStatusOn>(
      `select distinct on (mission) mission, status, to_char(effective_from, 'YYYY-MM-DD') as since
         from ${t.mission_statuses} where effective_from <= $1::date
        order by mission, effective_from desc`,
      [asOf],
    );
    // what the next run owes: credits offset by the run's own rule
    const { owed } = payablesReport(asOf, payables.claims, payables.paid);
    return cashPoolReport(asOf, movements, reserve, owed, statuses);
  }
}
