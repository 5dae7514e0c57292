import {
  type ExportFormat,
  IsBusinessDate,
  IsExportFormat,
  IsIso3,
  IsMissionCode,
  IsPeriod,
} from '@coe/platform';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class PrepareClaimRequest {
  @ApiProperty({
    description: 'The MOU (unit) whose month is claimed.',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  @Matches(/^[\w.:-]{1,200}$/)
  mouId!: string;

  @ApiProperty({ example: '2019-04', description: 'The month served; its verification report must exist.' })
  @IsPeriod()
  period!: string;

  @ApiProperty({ example: '2019-05-10' })
  @IsBusinessDate()
  preparedOn!: string;
}

export class AdjustClaimRequest {
  @ApiProperty({ example: '2019-06-02' })
  @IsBusinessDate()
  adjustedOn!: string;
}

export class CertifyClaimRequest {
  @ApiProperty({ example: '2019-05-20' })
  @IsBusinessDate()
  certifiedOn!: string;
}

export class VoidClaimRequest {
  @ApiProperty({ example: '2019-05-12' })
  @IsBusinessDate()
  voidedOn!: string;

  @ApiProperty({ example: 'Prepared against the wrong verification report.', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional({ example: '2019-04' }) @IsOptional() @IsPeriod() period?: string;

  @ApiPropertyOptional({
    enum: ['prepared', 'certified', 'paid', 'voided'],
    description: '`certified`: certified and still owed something; `paid`: nothing owed after credits.',
  })
  @IsOptional()
  @IsIn(['prepared', 'certified', 'paid', 'voided'])
  status?: 'prepared' | 'certified' | 'paid' | 'voided';

  @ApiPropertyOptional({ enum: ['computed', 'adjustment', 'payable', 'imported'] })
  @IsOptional()
  @IsIn(['computed', 'adjustment', 'payable', 'imported'])
  origin?: string;
}

const CLAIMS_FORMAT =
  'csv: one row per claim line with its sources; xlsx: those rows and one row per claim (paid, outstanding), a sheet each';

/** The filters of `GET /v1/claims`, unpaged: an export holds every claim they select. */
export class ClaimsExportQuery extends OmitType(ClaimsQuery, ['page', 'pageSize'] as const) {
  @IsExportFormat(CLAIMS_FORMAT) format?: ExportFormat;
}

export class ClaimRunClaimsExportQuery {
  @IsExportFormat(CLAIMS_FORMAT) format?: ExportFormat;
}
