import { type Actor, assertSameContributor, contributorScope } from '@coe/platform';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Page, PageQuery } from '../shared/pagination';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import {
  type PayableRecordFilter,
  type PayableRecordKind,
  type PayableRecordView,
  listPayableRecords,
  payableRecord,
} from './payable-record.read-model';
import { payableRecordNotFound } from './payable-record.write';

/** One record by id; with the reader's `actor`, limited to a contributor representative's own. */
export class GetPayableRecordQuery extends Query<PayableRecordView> {
  constructor(
    readonly kind: PayableRecordKind,
    readonly id: string,
    readonly actor?: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetPayableRecordQuery)
export class GetPayableRecordHandler implements IQueryHandler<GetPayableRecordQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ kind, id, actor }: GetPayableRecordQuery): Promise<PayableRecordView> {
    const record = await payableRecord(this.db.pool, this.db.schema, kind, id);
    if (actor) assertSameContributor(actor, record?.contributor);
    return record ?? payableRecordNotFound(kind, id);
  }
}

/**
 * A page of records by mission, contributor and status; a contributor representative (`actor`) asking
 * about another contributor is refused (CONTRIBUTOR_SCOPE) and, asking about none, sees only their own.
 */
export class ListPayableRecordsQuery extends Query<Page<PayableRecordView>> {
  constructor(
    readonly kind: PayableRecordKind,
    readonly query: PayableRecordFilter & PageQuery,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListPayableRecordsQuery)
export class ListPayableRecordsHandler implements IQueryHandler<ListPayableRecordsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ kind, query, actor }: ListPayableRecordsQuery): Promise<Page<PayableRecordView>> {
    const scope = contributorScope(actor);
    if (scope !== undefined) assertSameContributor(actor, query.contributor ?? scope);
    const { page, pageSize, ...filter } = query;
    const scoped = { ...filter, contributor: scope ?? filter.contributor };
    return listPayableRecords(this.db.pool, this.db.schema, kind, scoped, { page, pageSize });
  }
}
