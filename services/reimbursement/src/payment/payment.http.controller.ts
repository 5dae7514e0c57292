import {
  type Actor,
  CurrentActor,
  IsIso3,
  IsMissionCode,
  assertSameContributor,
  contributorScope,
} from '@coe/platform';
import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { type IQueryHandler, Query as BusQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PaymentPageResponse } from '../cash-pool/cash-pool.http.responses';
import { IsOptional, IsUUID } from 'class-validator';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ReadOperation } from '../shared/openapi';
import { type Page, PageQuery } from '../shared/pagination';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { type PaymentFilter, type PaymentView, listPayments } from './payment.read-model';

export class PaymentsRequest extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() paymentRunId?: string;
}

export class ListPaymentsQuery extends BusQuery<Page<PaymentView>> {
  constructor(
    readonly filter: PaymentFilter,
    readonly page: PageQuery,
  ) {
    super();
  }
}

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  execute({ filter, page }: ListPaymentsQuery): Promise<Page<PaymentView>> {
    return listPayments(this.db.pool, this.db.schema, filter, page);
  }
}

@ApiTags('Cash pool and payment runs')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/payments')
export class PaymentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadOperation(
    'Payments',
    'Payments to contributors with the claims each settled, by payment date; paged.',
    { scoped: true },
  )
  @ApiOkResponse({ type: PaymentPageResponse })
  list(@Query() query: PaymentsRequest, @CurrentActor() actor: Actor): Promise<Page<PaymentView>> {
    const scope = contributorScope(actor);
    if (scope !== undefined) assertSameContributor(actor, query.contributor ?? scope);
    const { page, pageSize, ...filter } = query;
    return this.queries.execute(
      new ListPaymentsQuery({ ...filter, contributor: scope ?? filter.contributor }, { page, pageSize }),
    );
  }
}
