import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { payablesProjection } from './payables.projection';
import { type PayablesReport, type PayablesSums, payablesReportOf } from './payables.report';
import { readCurrentPayables, readKnownPayables, readPayables } from './payables.sql';
import {
  currentAt,
  knownSumsHeldAt,
  type KnownAt,
  type ProjectionVersions,
  reflectedAt,
} from '@coe/projection-engine';

/**
 * The active payables version: its tables with row versions (`tables`, what a report reflects), all its
 * tables (`versionTables`), whether its current state answers as known at an instant, and what
 * the payables sum to as of `asOf` as known at `knownAt` (PayablesSums): from the current state's open
 * claims and period sums when nothing became known after `knownAt` and the version keeps them, else from
 * what the version keeps of them over recorded time (claim_open_known, payable_sums_known), else (a version
 * built before those, or sums a batch catching up left pending from `knownAt` or earlier) from every row
 * version held at `knownAt`.
 */
export const activePayables = async (versions: ProjectionVersions, pool: Pool) => {
  const { tables: t, complete } = await versions.activeVersion(payablesProjection);
  const tables = {
    claims: t.claims,
    claim_components: t.claim_components,
    payments: t.payments,
    allocations: t.allocations,
  };
  /** Whether the current state answers as known at `knownAt`: the version keeps it, nothing became known since. */
  const currentAsKnownAt = async (knownAt: string): Promise<boolean> =>
    complete && (await currentAt(pool, t.payables_known_through, knownAt));
  /**
   * Whether the sums kept over recorded time answer as known at `knownAt`: the version keeps them and no
   * change from an instant at or before it waits for their refresh (a batch catching up left it pending).
   */
  const knownSumsAt = async (knownAt: string): Promise<boolean> =>
    complete && (await knownSumsHeldAt(pool, t.payable_sums_known, knownAt));
  const sumsAsKnownAt = async (
    asOf: string,
    contributor: string | null,
    knownAt: string,
    categories = true,
  ): Promise<PayablesSums> =>
    (await currentAsKnownAt(knownAt))
      ? await readCurrentPayables(pool, t, asOf, contributor, { categories })
      : (await knownSumsAt(knownAt))
        ? await readKnownPayables(pool, t, asOf, contributor, knownAt, { categories })
        : await readPayables(pool, tables, asOf, contributor, knownAt, { categories });
  return { tables, versionTables: t, complete, currentAsKnownAt, knownSumsAt, sumsAsKnownAt };
};

export class GetPayables extends Query<PayablesReport & KnownAt> {
  /** `contributor`: a contributor representative sees only their own row, and totals of it. */
  constructor(
    readonly asOf: string,
    readonly contributor: string | null,
    readonly knownAt: string,
  ) {
    super();
  }
}

@QueryHandler(GetPayables)
export class GetPayablesHandler implements IQueryHandler<GetPayables, PayablesReport & KnownAt> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ asOf, contributor, knownAt }: GetPayables): Promise<PayablesReport & KnownAt> {
    const { tables, sumsAsKnownAt } = await activePayables(this.context.versions, this.pool);
    const [sums, reflected] = await Promise.all([
      sumsAsKnownAt(asOf, contributor, knownAt),
      contributor === null
        ? reflectedAt(this.pool, 'reimbursement', Object.values(tables), knownAt)
        : reflectedAt(this.pool, 'reimbursement', [tables.claims, tables.payments], knownAt, contributor),
    ]);
    return { ...payablesReportOf(asOf, sums), ...reflected };
  }
}
