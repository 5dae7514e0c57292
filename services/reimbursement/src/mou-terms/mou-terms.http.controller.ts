import { ApiProblem } from '@coe/platform';
import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ReadOperation } from '../shared/openapi';
import { IsMouIdPipe } from '../shared/params';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import type { MouTerms } from './mou-terms';
import { loadMouTerms } from './mou-terms.read-model';

export class MouTermsQuery extends Query<MouTerms[]> {
  constructor(readonly mouId: string) {
    super();
  }
}

@QueryHandler(MouTermsQuery)
export class MouTermsHandler implements IQueryHandler<MouTermsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  async execute({ mouId }: MouTermsQuery): Promise<MouTerms[]> {
    const terms = await loadMouTerms(this.db.pool, this.db.schema, mouId);
    return terms.length > 0
      ? terms
      : fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${mouId}.`);
  }
}

@ApiTags('Verification reports')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/mou-terms')
export class MouTermsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':mouId')
  @ReadOperation(
    'An MOU’s terms as reimbursement knows them',
    'Every annex version in force, with its effective date, as learned from mou-negotiation. An MOU ' +
      'reimbursement has not learned of: 422 MOU_TERMS_NOT_FOUND, as for a claim that needs its terms.',
  )
  @ApiProblem(422, ['MOU_TERMS_NOT_FOUND'])
  get(@Param('mouId', IsMouIdPipe) mouId: string): Promise<MouTerms[]> {
    return this.queries.execute(new MouTermsQuery(mouId));
  }
}
