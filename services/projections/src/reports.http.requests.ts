import {
  EXPORT_FORMATS,
  type ExportFormat,
  IsBusinessDate,
  IsIso3,
  IsMissionCode,
  IsPeriod,
} from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class AsOfRequest {
  @ApiPropertyOptional({
    description: 'Business date the report is as of (default: today, UTC)',
    example: '2019-10-31',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class DaysToSignatureRequest {
  @ApiPropertyOptional({
    description: "Start of the count: the unit's deployment (default) or the day negotiation opened",
    enum: ['deployment', 'negotiation'],
  })
  @IsOptional()
  @IsIn(['deployment', 'negotiation'])
  from?: 'deployment' | 'negotiation';
}

export class BacklogSeriesRequest {
  @ApiProperty({ description: 'First month, YYYY-MM', example: '2017-01' })
  @IsPeriod()
  from!: string;

  @ApiProperty({ description: 'Last month, YYYY-MM (at most the current month)', example: '2019-12' })
  @IsPeriod()
  to!: string;

  @ApiPropertyOptional({ description: 'Only this mission', example: 'MINUSMA' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;
}

export class ContributorParams {
  @ApiProperty({ description: 'ISO 3166-1 alpha-3 code of the contributor', example: 'IND' })
  @IsIso3()
  iso3!: string;
}

const format = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'csv',
    description: "csv: the report's rows; xlsx: a workbook with the rows and the totals, a sheet each",
  })(target, key);
  IsOptional()(target, key);
  IsIn(EXPORT_FORMATS)(target, key);
};

export class AsOfExportRequest extends AsOfRequest {
  @format() format?: ExportFormat;
}

export class DaysToSignatureExportRequest extends DaysToSignatureRequest {
  @format() format?: ExportFormat;
}
