import { type DocumentAttachment, DocumentsField } from '@coe/platform';
import { UNIT_DOCUMENT_KINDS, type UnitDocumentKind } from './unit.documents';
import { IsBusinessDate, IsIso3, IsMissionCode } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class SelectUnitRequest {
  @ApiProperty({ format: 'uuid', description: 'A pledge at L2 or higher, not withdrawn, not yet selected' })
  @IsString()
  @Length(1, 100)
  pledgeId!: string;

  @ApiProperty({ example: 'MINUSMA' }) @IsMissionCode() mission!: string;
  @ApiProperty({ example: '2019-04-15' }) @IsBusinessDate() selectedOn!: string;
}

export class RecordPreDeploymentVisitRequest {
  @ApiProperty({ example: '2019-05-20' }) @IsBusinessDate() visitedOn!: string;
  @ApiPropertyOptional({ example: 'Equipment ready for loading' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  findings?: string;
}

export class DeployUnitRequest {
  @ApiProperty({ example: '2019-07-01', description: 'Arrival in the mission area' })
  @IsBusinessDate()
  deployedOn!: string;
}

export class RecordInspectionRequest {
  @ApiProperty({ example: '2019-07-20' }) @IsBusinessDate() inspectedOn!: string;
  @DocumentsField('UnitDocumentAttachment', UNIT_DOCUMENT_KINDS, 'e.g. the inspection report as signed')
  documents?: DocumentAttachment<UnitDocumentKind>[];
}

export class RotateUnitRequest {
  @ApiProperty({ example: '2020-06-20' }) @IsBusinessDate() rotatedOn!: string;
}

export class RepatriateUnitRequest {
  @ApiProperty({ example: '2021-01-15', description: 'Departure of the unit from the mission area' })
  @IsBusinessDate()
  repatriatedOn!: string;
}

export const UNIT_STATUSES = ['selected', 'deployed', 'repatriated'] as const;

export class ListUnitsQueryRequest extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional({ enum: UNIT_STATUSES }) @IsOptional() @IsIn(UNIT_STATUSES) status?: string;
}
