import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLEDGE_STATUSES } from './pledge.http.requests';
import type { PledgeStatus } from './pledge.decider';
import { PLEDGE_LEVELS, type PledgeLevel, VISIT_OUTCOMES, type VisitOutcome } from './pledge.events';
import type { PledgeView } from './pledge.read-model';

export class PledgeVisitResponse {
  @ApiProperty({ example: '2019-03-01' }) visitedOn!: string;
  @ApiProperty({ enum: VISIT_OUTCOMES }) outcome!: VisitOutcome;
  @ApiProperty({ nullable: true, example: 'Ready; two water purification units to replace' })
  findings!: string | null;
}

export class LevelDatesResponse {
  @ApiProperty({ example: '2019-01-15' }) L1!: string;
  @ApiPropertyOptional() L2?: string;
  @ApiPropertyOptional() L3?: string;
  @ApiPropertyOptional() RDL?: string;
}

export class SurAlignmentResponse {
  @ApiProperty({ example: '3f1e9c2a-8b7d-4c6e-9a5f-1d2e3c4b5a69' }) surId!: string;
  @ApiProperty({ example: 2 }) surVersion!: number;
}

export class PledgeSelectionResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: '2019-04-15' }) selectedOn!: string;
}

export class PledgeResponse implements PledgeView {
  @ApiProperty({ enum: PLEDGE_STATUSES }) status!: PledgeStatus;
  @ApiProperty({ format: 'uuid' }) pledgeId!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 'BANBAT-1' }) unitName!: string;
  @ApiProperty({ enum: UNIT_TYPES }) unitType!: UnitType;
  @ApiProperty({ example: 850 }) personnel!: number;
  @ApiProperty({ example: '2019-01-15' }) noteVerbaleOn!: string;
  @ApiProperty({ enum: PLEDGE_LEVELS }) level!: PledgeLevel;
  @ApiProperty({ type: LevelDatesResponse, description: 'Business date each level was reached' })
  reachedOn!: LevelDatesResponse;
  @ApiProperty({ type: [PledgeVisitResponse] }) assessmentVisits!: PledgeVisitResponse[];
  @ApiProperty({ type: [PledgeVisitResponse] }) rdlVerificationVisits!: PledgeVisitResponse[];
  @ApiProperty({ type: SurAlignmentResponse, nullable: true }) alignedWith!: SurAlignmentResponse | null;
  @ApiProperty({ type: PledgeSelectionResponse, nullable: true }) selection!: PledgeSelectionResponse | null;
  @ApiProperty({ nullable: true, example: null }) withdrawnOn!: string | null;
}

export class PledgePageResponse {
  @ApiProperty({ type: [PledgeResponse] }) items!: PledgeResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
