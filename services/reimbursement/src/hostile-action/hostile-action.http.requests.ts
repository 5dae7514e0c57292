import { IsBusinessDate, IsIso3, IsMissionCode, IsMoneyAmount } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class ItemLostRequest {
  @ApiPropertyOptional({ example: 'B001', description: 'The MOU annex B line; or give category and item.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  lineId?: string;

  @ApiPropertyOptional({
    example: 'electrical',
    description: 'A major-equipment code of GET /v1/reference/coe-codes (422 UNKNOWN_CATEGORY otherwise).',
  })
  @ValidateIf((o: ItemLostRequest) => o.lineId === undefined)
  @IsString()
  @Length(1, 200)
  category?: string;

  @ApiPropertyOptional({ example: 'generator-60-kva' })
  @ValidateIf((o: ItemLostRequest) => o.lineId === undefined)
  @IsString()
  @Length(1, 200)
  item?: string;

  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(100000) quantity!: number;

  @ApiProperty({ example: '125000.00', description: 'Generic fair market value of one item, USD.' })
  @IsMoneyAmount()
  gfmvEachUsd!: string;
}

export class RecordHostileActionIncidentRequest {
  @ApiProperty({ example: 'MINUSMA/2019/017', description: 'Unique, 1–32 characters.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,31}$/)
  incidentRef!: string;

  @ApiProperty({
    description: 'The MOU (unit) whose equipment was lost; gives mission and contributor.',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  @Matches(/^[\w.:-]{1,200}$/)
  mouId!: string;

  @ApiProperty({ enum: ['hostile-action', 'forced-abandonment'] })
  @IsIn(['hostile-action', 'forced-abandonment'])
  cause!: 'hostile-action' | 'forced-abandonment';

  @ApiProperty({ example: '2019-04-02' }) @IsBusinessDate() occurredOn!: string;
  @ApiProperty({ example: '2019-04-20' }) @IsBusinessDate() recordedOn!: string;

  @ApiProperty({ type: [ItemLostRequest] })
  @ValidateNested({ each: true })
  @Type(() => ItemLostRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  items!: ItemLostRequest[];
}

export class CertifyHostileActionIncidentRequest {
  @ApiProperty({ example: '2019-05-02' }) @IsBusinessDate() certifiedOn!: string;
}

export class HostileActionIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;

  @ApiPropertyOptional({ enum: ['recorded', 'certified'] })
  @IsOptional()
  @IsIn(['recorded', 'certified'])
  status?: string;
}
