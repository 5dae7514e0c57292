import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { IsBusinessDate, IsIso3, IsMissionCode } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../shared/pagination';
import { PLEDGE_LEVELS, type PledgeLevel, VISIT_OUTCOMES, type VisitOutcome } from './pledge.events';

export class RegisterPledgeRequest {
  @ApiProperty({ example: 'BGD' }) @IsIso3() contributor!: string;
  @ApiProperty({ example: 'BANBAT-1' }) @IsString() @Length(1, 200) unitName!: string;
  @ApiProperty({ enum: UNIT_TYPES, example: 'INF' }) @IsIn(UNIT_TYPES) unitType!: UnitType;
  @ApiProperty({ example: 850, minimum: 1, maximum: 20000 }) @IsInt() @Min(1) @Max(20000) personnel!: number;
  @ApiProperty({ example: '2019-01-15', description: 'Date of the note verbale registering the pledge (L1)' })
  @IsBusinessDate()
  noteVerbaleOn!: string;

  @ApiPropertyOptional({
    description:
      'true: register it even though a pledge of the same contributor, unit name and note verbale date exists',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  confirmDuplicate?: boolean;
}

export class RecordVisitRequest {
  @ApiProperty({ example: '2019-03-01' }) @IsBusinessDate() visitedOn!: string;
  @ApiProperty({ enum: VISIT_OUTCOMES }) @IsIn(VISIT_OUTCOMES) outcome!: VisitOutcome;
  @ApiPropertyOptional({ example: 'Ready; two water purification units to replace' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  findings?: string;
}

const ELEVATIONS = PLEDGE_LEVELS.filter((level) => level !== 'L1');

export class ElevatePledgeRequest {
  @ApiProperty({ enum: ELEVATIONS, description: 'The next level: L2, then L3, then RDL' })
  @IsIn(ELEVATIONS)
  level!: PledgeLevel;

  @ApiProperty({ example: '2019-03-10', description: 'Business date the level was reached' })
  @IsBusinessDate()
  elevatedOn!: string;

  @ApiPropertyOptional({ description: 'For L3: the SUR the pledge is aligned with (with surVersion)' })
  @ValidateIf(
    (request: ElevatePledgeRequest) => request.surId !== undefined || request.surVersion !== undefined,
  )
  @IsString()
  @Length(1, 100)
  surId?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'For L3: the version of that SUR (with surId)' })
  @ValidateIf(
    (request: ElevatePledgeRequest) => request.surId !== undefined || request.surVersion !== undefined,
  )
  @IsInt()
  @Min(1)
  surVersion?: number;
}

export class WithdrawPledgeRequest {
  @ApiProperty({ example: '2019-06-01' }) @IsBusinessDate() withdrawnOn!: string;
  @ApiProperty({ example: 'Troops needed at home' }) @IsString() @Length(1, 2000) reason!: string;
}

export const PLEDGE_STATUSES = ['pledged', 'selected', 'withdrawn'] as const;

export class ListPledgesQueryRequest extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA', description: 'The mission a pledge was selected for' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;

  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional({ enum: PLEDGE_LEVELS }) @IsOptional() @IsIn(PLEDGE_LEVELS) level?: PledgeLevel;
  @ApiPropertyOptional({ enum: PLEDGE_STATUSES }) @IsOptional() @IsIn(PLEDGE_STATUSES) status?: string;
}
