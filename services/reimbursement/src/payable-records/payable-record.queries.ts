import { type Actor, assertSameContributor } from '@coe/platform';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Page, PageQuery } from '../shared/pagination';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { type ReimbursementErrorCode, fail } from '../shared/reimbursement.errors';
import {
  type PayableRecordFilter,
  type PayableRecordKind,
  type PayableRecordView,
  listPayableRecords,
  payableRecord,
} from './payable-record.read-model';

const NOT_FOUND: Record<PayableRecordKind, ReimbursementErrorCode> = {
  'letter-of-assist': 'LOA_NOT_FOUND',
  'death-and-disability': 'DD_CASE_NOT_FOUND',
  'hostile-action': 'HOSTILE_ACTION_INCIDENT_NOT_FOUND',
};

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
    return record ?? fail(NOT_FOUND[kind], `No ${kind} record ${id}.`);
  }
}

export class ListPayableRecordsQuery extends Query<Page<PayableRecordView>> {
  constructor(
    readonly kind: PayableRecordKind,
    readonly filter: PayableRecordFilter,
    readonly page: PageQuery,
  ) {
    super();
  }
}

@QueryHandler(ListPayableRecordsQuery)
export class ListPayableRecordsHandler implements IQueryHandler<ListPayableRecordsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ kind, filter, page }: ListPayableRecordsQuery): Promise<Page<PayableRecordView>> {
    return listPayableRecords(this.db.pool, this.db.schema, kind, filter, page);
  }
}
