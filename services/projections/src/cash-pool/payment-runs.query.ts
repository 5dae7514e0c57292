import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Decimal, formatUsd, InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { cashPoolProjection } from './cash-pool.projection';

export type PaymentRunView = {
  runId: string;
  quarter: string;
  executedOn: string;
  availableCash: string;
  reserve: string;
  paid: string;
  paidWithoutPool: string;
  /** What the pool let the run pay beyond what the missions' own cash allowed (resolution 73/307). */
  paidThanksToPool: string;
  payments: number;
  paymentsTotal: string;
};

export type PaymentRuns = {
  currency: 'USD';
  runs: PaymentRunView[];
  totals: { paid: string; paidWithoutPool: string; paidThanksToPool: string };
};

export class GetPaymentRuns extends Query<PaymentRuns> {}

type Row = Omit<PaymentRunView, 'paidThanksToPool'>;

/** The quarterly payment runs, oldest first, with the payments each made. */
@QueryHandler(GetPaymentRuns)
export class GetPaymentRunsHandler implements IQueryHandler<GetPaymentRuns, PaymentRuns> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute(): Promise<PaymentRuns> {
    const { tables: t, complete } = await this.context.versions.activeVersion(cashPoolProjection);
    // each run's payments counted as they come (run_payments), or, by a version older than that, here
    const counted = complete
      ? `select run_id as payment_run_id, payments, amount_usd from ${t.run_payments}`
      : `select payment_run_id, count(*) as payments, sum(amount_usd) as amount_usd from ${t.fund_payments}
         group by payment_run_id`;
    const { rows } = await this.pool.query<Row>(
      `select r.run_id as "runId", r.quarter, to_char(r.executed_on, 'YYYY-MM-DD') as "executedOn",
         r.available_cash_usd::text as "availableCash", r.reserve_usd::text as reserve, r.paid_usd::text as paid,
         r.paid_without_pool_usd::text as "paidWithoutPool", coalesce(p.payments, 0)::int as payments,
         coalesce(p.amount_usd, 0)::text as "paymentsTotal"
       from ${t.payment_runs} r left join (${counted}) p on p.payment_run_id = r.run_id
       order by r.executed_on, r.run_id`,
    );
    const runs = rows.map((r) => ({
      ...r,
      availableCash: formatUsd(r.availableCash),
      reserve: formatUsd(r.reserve),
      paid: formatUsd(r.paid),
      paidWithoutPool: formatUsd(r.paidWithoutPool),
      paidThanksToPool: formatUsd(new Decimal(r.paid).minus(r.paidWithoutPool)),
      paymentsTotal: formatUsd(r.paymentsTotal),
    }));
    const sum = (pick: (r: PaymentRunView) => string) =>
      formatUsd(runs.reduce((total, r) => total.plus(pick(r)), new Decimal(0)));
    return {
      currency: 'USD',
      runs,
      totals: {
        paid: sum((r) => r.paid),
        paidWithoutPool: sum((r) => r.paidWithoutPool),
        paidThanksToPool: sum((r) => r.paidThanksToPool),
      },
    };
  }
}
