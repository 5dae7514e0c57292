import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { payablesProjection } from './payables.projection';
import { type PayablesReport, payablesReport } from './payables.report';
import { readPayables } from './payables.sql';
import { type KnownAt, reflectedAt } from '@coe/projection-engine';

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
    const tables = await this.context.versions.activeTables(payablesProjection);
    const { claims, paid, categories } = await readPayables(this.pool, tables, asOf, contributor, knownAt, {
      settled: 'folded',
    });
    return {
      ...payablesReport(asOf, claims, paid, categories),
      ...(await (contributor === null
        ? reflectedAt(this.pool, 'reimbursement', Object.values(tables), knownAt)
        : reflectedAt(this.pool, 'reimbursement', [tables.claims, tables.payments], knownAt, contributor))),
    };
  }
}
