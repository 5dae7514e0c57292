import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Decimal, formatUsd, InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { type Aging, type AgingBucket, agingBucket, agingOf } from './payables.aging';
import { payablesProjection } from './payables.projection';
import {
  type ByCategory,
  type ClaimBalance,
  type OwedClaim,
  type PayablesFigures,
  figuresOf,
  owedClaims,
  payablesReport,
} from './payables.report';
import { readPayables } from './payables.sql';
import { heldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';

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
  /** amount − settled: negative for a credit. */
  outstanding: string;
  /** What is owed on it once credits are offset (0.00 for a credit). */
  owed: string;
  /** For a credit: what no payable has absorbed yet. */
  unusedCredit: string;
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

type Split = PayablesFigures & { aging: Aging };

export type ContributorStatement = {
  contributor: string;
  asOf: string;
  currency: 'USD';
  aging: Aging;
  /** `certified` split by component (claims' lines; a claim without lines counts under its category). */
  certifiedByCategory: ByCategory;
  byMission: ({ mission: string } & Split)[];
  byCategory: ({ category: string } & Split)[];
  claims: StatementClaim[];
  payments: StatementPayment[];
} & PayablesFigures &
  KnownAt;

export class GetContributorStatement extends Query<ContributorStatement> {
  constructor(
    readonly contributor: string,
    readonly asOf: string,
    readonly knownAt: string,
  ) {
    super();
  }
}

type Credit = ClaimBalance & { creditUsd: string };

/** The figures of the claims one key picks, paid being what payments settled on them. */
const splitBy = <K extends 'mission' | 'category'>(
  key: K,
  claims: readonly OwedClaim[],
  credits: readonly Credit[],
): ({ [P in K]: string } & Split)[] =>
  [...new Set(claims.map((c) => c[key]))].sort().map((value) => {
    const own = claims.filter((c) => c[key] === value);
    const paid = own.reduce((sum, c) => sum.plus(c.settledUsd), new Decimal(0));
    return {
      [key]: value,
      ...figuresOf(
        own,
        credits.filter((c) => c[key] === value),
        paid,
      ),
      aging: agingOf(own.map((c) => ({ ageDays: c.ageDays, outstandingUsd: c.owedUsd }))),
    } as { [P in K]: string } & Split;
  });

/**
 * One contributor's statement as of a date: certified, paid, credits, outstanding and owed, in total (the
 * payables report's row, by the same function), by mission and by category, with aging; its claims
 * (oldest first, the order payments and credits settle them) and payments.
 */
@QueryHandler(GetContributorStatement)
export class GetContributorStatementHandler
  implements IQueryHandler<GetContributorStatement, ContributorStatement>
{
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ contributor, asOf, knownAt }: GetContributorStatement): Promise<ContributorStatement> {
    const tables = await this.context.versions.activeTables(payablesProjection);
    const totals = await readPayables(this.pool, tables, asOf, contributor, knownAt);
    const report = payablesReport(asOf, totals.claims, totals.paid, totals.categories);
    const row = report.contributors[0];
    const { claims, credits } = owedClaims(totals.claims);
    const unused = new Map(credits.map((c) => [c.claimId, c.creditUsd]));
    // a claim projected before components were kept has none: its category stands for the whole; the
    // claims certified after asOf are not listed, so their components are not read
    const components = await this.pool.query<{ claimId: string; components: StatementClaim['components'] }>(
      `select k.claim_id as "claimId",
         jsonb_agg(jsonb_build_object('component', k.component, 'amount', k.amount_usd::text)
           order by array_position(array['personnel', 'major_equipment', 'self_sustainment',
             'letter_of_assist', 'death_and_disability'], k.component), k.component) as components
       from ${tables.claim_components} k
         join ${tables.claims} c on c.claim_id = k.claim_id and c.known_from_position = k.known_from_position
       where c.contributor = $1 and c.certified_on <= $3::date and ${heldAt('c', '$2')}
       group by k.claim_id`,
      [contributor, knownAt, asOf],
    );
    const componentsOf = new Map(components.rows.map((r) => [r.claimId, r.components]));
    const payments = await this.pool.query<StatementPayment>(
      `select p.payment_id as "paymentId", p.payment_ref as "paymentRef", p.mission, p.amount_usd::text as amount,
         to_char(p.paid_on, 'YYYY-MM-DD') as "paidOn", p.payment_run_id as "paymentRunId",
         coalesce(jsonb_agg(jsonb_build_object('claimId', a.claim_id, 'claimRef', a.claim_ref,
           'amount', a.amount_usd::text) order by a.claim_ref) filter (where a.claim_id is not null), '[]')
           as allocations
       from ${tables.payments} p
         left join ${tables.allocations} a on a.payment_id = p.payment_id and ${heldAt('a', '$3')}
       where p.contributor = $2 and p.paid_on <= $1::date and ${heldAt('p', '$3')}
       group by p.payment_id
       order by p.paid_on, p.payment_ref`,
      [asOf, contributor, knownAt],
    );
    return {
      contributor,
      asOf,
      currency: 'USD',
      certified: row?.certified ?? '0.00',
      paid: row?.paid ?? '0.00',
      outstanding: row?.outstanding ?? '0.00',
      credits: row?.credits ?? '0.00',
      owed: row?.owed ?? '0.00',
      aging: row?.aging ?? agingOf([]),
      certifiedByCategory: row?.certifiedByCategory ?? {},
      byMission: splitBy('mission', claims, credits),
      byCategory: splitBy('category', claims, credits),
      claims: claims.map((c) => ({
        claimId: c.claimId,
        claimRef: c.claimRef,
        mission: c.mission,
        category: c.category,
        components: (componentsOf.get(c.claimId) ?? [{ component: c.category, amount: c.amountUsd }]).map(
          (k) => ({ ...k, amount: formatUsd(k.amount) }),
        ),
        period: c.period,
        certifiedOn: c.certifiedOn,
        amount: formatUsd(c.amountUsd),
        settled: formatUsd(c.settledUsd),
        outstanding: formatUsd(c.outstandingUsd),
        owed: formatUsd(c.owedUsd),
        unusedCredit: formatUsd(unused.get(c.claimId) ?? '0'),
        ageDays: c.ageDays,
        agingBucket: agingBucket(c.ageDays),
      })),
      payments: payments.rows.map((p) => ({
        ...p,
        amount: formatUsd(p.amount),
        allocations: p.allocations.map((a) => ({ ...a, amount: formatUsd(a.amount) })),
      })),
      ...(await reflectedAt(
        this.pool,
        'reimbursement',
        [tables.claims, tables.payments],
        knownAt,
        contributor,
      )),
    };
  }
}
