import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { payablesProjection } from '../payables/payables.projection';
import { payablesReport } from '../payables/payables.report';
import { readPayables } from '../payables/payables.sql';
import { ProjectionsContext } from '../projections.context';
import { cashPoolProjection } from './cash-pool.projection';
import { heldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';
import {
  type CashPoolReport,
  cashPoolReport,
  type FundMovements,
  type MissionStatusOn,
  type ReserveSource,
} from './cash-pool.report';

export class GetCashPool extends Query<CashPoolReport & KnownAt> {
  constructor(
    readonly asOf: string,
    readonly knownAt: string,
  ) {
    super();
  }
}

@QueryHandler(GetCashPool)
export class GetCashPoolHandler implements IQueryHandler<GetCashPool, CashPoolReport & KnownAt> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ asOf, knownAt }: GetCashPool): Promise<CashPoolReport & KnownAt> {
    const t = await this.context.versions.activeTables(cashPoolProjection);
    const zero = '0::numeric';
    const { rows: movements } = await this.pool.query<FundMovements>(
      `select mission, sum(received)::text as "receivedUsd", sum(paid)::text as "paidUsd",
         sum(lent)::text as "lentUsd", sum(borrowed)::text as "borrowedUsd",
         sum(repaid_to_it)::text as "repaidToItUsd", sum(repaid_by_it)::text as "repaidByItUsd"
       from (
         select mission, amount_usd as received, ${zero} as paid, ${zero} as lent, ${zero} as borrowed,
           ${zero} as repaid_to_it, ${zero} as repaid_by_it
         from ${t.fund_receipts} x where received_on <= $1::date and ${heldAt('x', '$2')}
         union all
         select mission, 0, amount_usd, 0, 0, 0, 0 from ${t.fund_payments} x
         where paid_on <= $1::date and ${heldAt('x', '$2')}
         union all
         select lender_mission, 0, 0, amount_usd, 0, 0, 0 from ${t.loans} x
         where lent_on <= $1::date and ${heldAt('x', '$2')}
         union all
         select borrower_mission, 0, 0, 0, amount_usd, 0, 0 from ${t.loans} x
         where lent_on <= $1::date and ${heldAt('x', '$2')}
         union all
         select l.lender_mission, 0, 0, 0, 0, r.amount_usd, 0
         from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
         where r.repaid_on <= $1::date and ${heldAt('r', '$2')} and ${heldAt('l', '$2')}
         union all
         select l.borrower_mission, 0, 0, 0, 0, 0, r.amount_usd
         from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
         where r.repaid_on <= $1::date and ${heldAt('r', '$2')} and ${heldAt('l', '$2')}
       ) movement
       group by mission`,
      [asOf, knownAt],
    );
    const { rows: runs } = await this.pool.query<{
      runId: string;
      quarter: string;
      executedOn: string;
      reserveUsd: string;
    }>(
      `select run_id as "runId", quarter, to_char(executed_on, 'YYYY-MM-DD') as "executedOn",
         reserve_usd::text as "reserveUsd"
       from ${t.payment_runs} x where executed_on <= $1::date and ${heldAt('x', '$2')}
       order by executed_on desc, run_id desc limit 1`,
      [asOf, knownAt],
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
    const payablesTables = await this.context.versions.activeTables(payablesProjection);
    const payables = await readPayables(this.pool, payablesTables, asOf, null, knownAt, {
      settled: 'folded',
      categories: false,
    });
    const { rows: statuses } = await this.pool.query<MissionStatusOn>(
      `select distinct on (mission) mission, status, to_char(effective_from, 'YYYY-MM-DD') as since
         from ${t.mission_statuses} x where effective_from <= $1::date and ${heldAt('x', '$2')}
        order by mission, effective_from desc`,
      [asOf, knownAt],
    );
    // what the next run owes: credits offset by the run's own rule
    const { owed } = payablesReport(asOf, payables.claims, payables.paid);
    return {
      ...cashPoolReport(asOf, movements, reserve, owed, statuses),
      ...(await reflectedAt(
        this.pool,
        'reimbursement',
        [...Object.values<string>(t), ...Object.values<string>(payablesTables)],
        knownAt,
      )),
    };
  }
}
