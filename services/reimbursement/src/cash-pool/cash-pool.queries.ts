import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { type FundPosition, type LoanView, fundPositions, listLoans } from './cash-pool.read-model';
import { type PaymentRunView, getPaymentRun, listPaymentRuns } from './payment-run.read-model';

export class FundPositionsQuery extends Query<FundPosition[]> {
  constructor(readonly asOf: string) {
    super();
  }
}

@QueryHandler(FundPositionsQuery)
export class FundPositionsHandler implements IQueryHandler<FundPositionsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  execute({ asOf }: FundPositionsQuery): Promise<FundPosition[]> {
    return fundPositions(this.db.pool, this.db.schema, asOf);
  }
}

export class LoansQuery extends Query<LoanView[]> {
  constructor(readonly filter: { mission?: string; outstanding?: boolean }) {
    super();
  }
}

@QueryHandler(LoansQuery)
export class LoansHandler implements IQueryHandler<LoansQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  execute({ filter }: LoansQuery): Promise<LoanView[]> {
    return listLoans(this.db.pool, this.db.schema, filter);
  }
}

export class PaymentRunsQuery extends Query<Omit<PaymentRunView, 'plan'>[]> {
  constructor(readonly quarter?: string) {
    super();
  }
}

@QueryHandler(PaymentRunsQuery)
export class PaymentRunsHandler implements IQueryHandler<PaymentRunsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  execute({ quarter }: PaymentRunsQuery): Promise<Omit<PaymentRunView, 'plan'>[]> {
    return listPaymentRuns(this.db.pool, this.db.schema, quarter);
  }
}

export class PaymentRunQuery extends Query<PaymentRunView> {
  constructor(readonly runId: string) {
    super();
  }
}

@QueryHandler(PaymentRunQuery)
export class PaymentRunHandler implements IQueryHandler<PaymentRunQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  async execute({ runId }: PaymentRunQuery): Promise<PaymentRunView> {
    return (
      (await getPaymentRun(this.db.pool, this.db.schema, runId)) ??
      fail('PAYMENT_RUN_NOT_FOUND', `No payment run ${runId}.`)
    );
  }
}
