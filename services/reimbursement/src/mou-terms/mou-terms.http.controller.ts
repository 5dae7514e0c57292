import { ApiProblem } from '@coe/platform';
import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
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

class MouTermsAnnexBLineResponse {
  @ApiProperty({ example: 'APC-1' }) lineId!: string;
  @ApiProperty({ example: 'Armoured personnel carrier' }) category!: string;
  @ApiProperty({ example: 'APC, wheeled, class II' }) item!: string;
  @ApiProperty({ example: 12 }) quantity!: number;
  @ApiProperty({ enum: ['wet', 'dry'] }) lease!: string;
  @ApiProperty({ example: '6921.00' }) monthlyRateUsd!: string;
}

class MouTermsAnnexCResponse {
  @ApiProperty({ example: 'catering' }) category!: string;
  @ApiProperty({ example: '27.81' }) ratePerPersonUsd!: string;
}

class MouTermsMissionFactorsResponse {
  @ApiProperty({ example: '2.50' }) extremeEnvironmentPct!: string;
  @ApiProperty({ example: '1.50' }) intensifiedOperationalConditionPct!: string;
  @ApiProperty({ example: '3.00' }) hostileActionPct!: string;
}

class MouTermsResponse {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 1 }) annexVersion!: number;
  @ApiProperty({ example: '2019-06-03', description: 'In force from' }) effectiveOn!: string;
  @ApiProperty({ example: 850 }) personnelCeiling!: number;
  @ApiProperty({ type: [MouTermsAnnexBLineResponse] }) annexB!: MouTermsAnnexBLineResponse[];
  @ApiProperty({ type: [MouTermsAnnexCResponse] }) annexC!: MouTermsAnnexCResponse[];
  @ApiProperty({ type: MouTermsMissionFactorsResponse }) missionFactors!: MouTermsMissionFactorsResponse;
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
  @ApiOkResponse({ type: [MouTermsResponse] })
  @ApiProblem(422, ['MOU_TERMS_NOT_FOUND'])
  get(@Param('mouId', IsMouIdPipe) mouId: string): Promise<MouTerms[]> {
    return this.queries.execute(new MouTermsQuery(mouId));
  }
}
