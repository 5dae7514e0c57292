import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { formatUsd, InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { type Aging, type AgingBucket, agingBucket, agingOf } from './payables.aging';
import { payablesProjection } from './payables.projection';
import { type ByCategory, payablesReport } from './payables.report';
import { outstandingClaimsSql, readPayables } from './payables.sql';

export type StatementClaim = {
  claimId: string;
  claimRef: string;
  mission: string;
  category: string;
  /** The claim's amount by component (its certified lines; its category alone when it has none). */
  components: { component: string; amount: string }[];
  period: string;
  certifiedOn: string;
  amount: string;
  settled: string;
  outstanding: string;
  ageDays: number;
  agingBucket: AgingBucket;
};

export type StatementPayment = {
  paymentId: string;
  paymentRef: string;
  mission: string;
  amount: string;
  paidOn: string;
  paymentRunId: string | null;
  allocations: { claimId: string; claimRef: string; amount: string }[];
};

export type ContributorStatement = {
  contributor: string;
  asOf: string;
  currency: 'USD';
  certified: string;
  paid: string;
  outstanding: string;
  aging: Aging;
  certifiedByCategory: ByCategory;
  claims: StatementClaim[];
  payments: StatementPayment[];
};

export class GetContributorStatement extends Query<ContributorStatement> {
  constructor(
    readonly contributor: string,
    readonly asOf: string,
  ) {
    super();
  }
}

/** One contributor's claims (oldest first, the order payments settle them), payments and totals as of a date. */
@QueryHandler(GetContributorStatement)
export class GetContributorStatementHandler
  implements IQueryHandler<GetContributorStatement, ContributorStatement>
{
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ contributor, asOf }: GetContributorStatement): Promise<ContributorStatement> {
    const tables = await this.context.versions.activeTables(payablesProjection);
    const totals = await readPayables(this.pool, tables, asOf, contributor);
    const row = payablesReport(asOf, totals.claims, totals.paid, totals.categories).contributors[0];
    const claims = await this.pool.query<Omit<StatementClaim, 'agingBucket'>>(
      `select o.claim_id as "claimId", o.claim_ref as "claimRef", o.mission, o.category,
         coalesce((select jsonb_agg(jsonb_build_object('component', k.component, 'amount', k.amount_usd::text)
             order by array_position(array['personnel', 'major_equipment', 'self_sustainment',
               'letter_of_assist', 'death_and_disability'], k.component), k.component) from ${tables.claim_components} k where k.claim_id = o.claim_id),
           jsonb_build_array(jsonb_build_object('component', o.category, 'amount', o.amount_usd::text)))
           as components,
         o.period,
         to_char(o.certified_on, 'YYYY-MM-DD') as "certifiedOn", o.amount_usd::text as amount,
         o.settled_usd::text as settled, o.outstanding_usd::text as outstanding, o.age_days as "ageDays"
       from (${outstandingClaimsSql(tables)}) o
       order by o.certified_on, o.period, o.claim_ref`,
      [asOf, contributor],
    );
    const payments = await this.pool.query<StatementPayment>(
      `select p.payment_id as "paymentId", p.payment_ref as "paymentRef", p.mission, p.amount_usd::text as amount,
         to_char(p.paid_on, 'YYYY-MM-DD') as "paidOn", p.payment_run_id as "paymentRunId",
         coalesce(jsonb_agg(jsonb_build_object('claimId', a.claim_id, 'claimRef', a.claim_ref,
           'amount', a.amount_usd::text) order by a.claim_ref) filter (where a.claim_id is not null), '[]')
           as allocations
       from ${tables.payments} p left join ${tables.allocations} a on a.payment_id = p.payment_id
       where p.contributor = $2 and p.paid_on <= $1::date
       group by p.payment_id
       order by p.paid_on, p.payment_ref`,
      [asOf, contributor],
    );
    return {
      contributor,
      asOf,
      currency: 'USD',
      certified: row?.certified ?? '0.00',
      paid: row?.paid ?? '0.00',
      outstanding: row?.outstanding ?? '0.00',
      aging: row?.aging ?? agingOf([]),
      certifiedByCategory: row?.certifiedByCategory ?? {},
      claims: claims.rows.map((c) => ({
        ...c,
        components: c.components.map((k) => ({ ...k, amount: formatUsd(k.amount) })),
        amount: formatUsd(c.amount),
        settled: formatUsd(c.settled),
        outstanding: formatUsd(c.outstanding),
        agingBucket: agingBucket(c.ageDays),
      })),
      payments: payments.rows.map((p) => ({
        ...p,
        amount: formatUsd(p.amount),
        allocations: p.allocations.map((a) => ({ ...a, amount: formatUsd(a.amount) })),
      })),
    };
  }
}
