import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { payablesReportOf } from '../payables/payables.report';
import { activePayables } from '../payables/payables.query';
import { ProjectionsContext } from '../projections.context';
import { cashPoolProjection } from './cash-pool.projection';
import { currentFundMovements, fundMovementsAsKnownAt, knownFundMovements } from './cash-pool.sql';

// the tables with row versions (the others are derived from them)
const FACTS = [
  'fund_receipts',
  'fund_payments',
  'loans',
  'loan_repayments',
  'payment_runs',
  'mission_statuses',
] as const;

import { currentAt, heldAt, knownSumsHeldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';
import {
  type CashPoolReport,
  cashPoolReport,
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
    const [{ tables: t, complete }, payables] = await Promise.all([
      this.context.versions.activeVersion(cashPoolProjection),
      activePayables(this.context.versions, this.pool),
    ]);
    // as known now from the current sums; at an earlier instant from the sums kept over recorded time; from
    // the row versions on a version built before those, or while a batch catching up left them pending
    const fundMovements = async () =>
      !complete
        ? fundMovementsAsKnownAt(this.pool, t, asOf, knownAt)
        : (await currentAt(this.pool, t.fund_known_through, knownAt))
          ? currentFundMovements(this.pool, t, asOf)
          : (await knownSumsHeldAt(this.pool, t.fund_sums_known, knownAt))
            ? knownFundMovements(this.pool, t, asOf, knownAt)
            : fundMovementsAsKnownAt(this.pool, t, asOf, knownAt);
    // what the report reads, asked at once
    const [movements, { rows: runs }, sums, { rows: statuses }, reflected] = await Promise.all([
      fundMovements(),
      this.pool.query<{ runId: string; quarter: string; executedOn: string; reserveUsd: string }>(
        `select run_id as "runId", quarter, to_char(executed_on, 'YYYY-MM-DD') as "executedOn",
           reserve_usd::text as "reserveUsd"
         from ${t.payment_runs} x where executed_on <= $1::date and ${heldAt('x', '$2')}
         order by executed_on desc, run_id desc limit 1`,
        [asOf, knownAt],
      ),
      payables.sumsAsKnownAt(asOf, null, knownAt, false),
      this.pool.query<MissionStatusOn>(
        `select distinct on (mission) mission, status, to_char(effective_from, 'YYYY-MM-DD') as since
           from ${t.mission_statuses} x where effective_from <= $1::date and ${heldAt('x', '$2')}
          order by mission, effective_from desc`,
        [asOf, knownAt],
      ),
      reflectedAt(
        this.pool,
        'reimbursement',
        [...FACTS.map((f) => t[f]), ...Object.values<string>(payables.tables)],
        knownAt,
      ),
    ]);
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
    // what the next run owes: credits offset by the run's own rule
    const { owed } = payablesReportOf(asOf, sums);
    return { ...cashPoolReport(asOf, movements, reserve, owed, statuses), ...reflected };
  }
}
