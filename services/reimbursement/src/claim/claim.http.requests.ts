import { IsBusinessDate, IsIso3, IsMissionCode, IsMoneyAmount, IsPeriod } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class PrepareClaimRequest {
  @ApiProperty({ description: 'The MOU (unit) whose month is claimed.' })
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

export class RecordPayableRequest {
  @ApiProperty({ enum: ['letter_of_assist', 'death_and_disability'] })
  @IsIn(['letter_of_assist', 'death_and_disability'])
  category!: 'letter_of_assist' | 'death_and_disability';

  @ApiProperty({ example: 'LOA/UNMISS/IND/2019-004', description: 'Unique reference of the payable.' })
  @IsString()
  @Length(1, 64)
  claimRef!: string;

  @ApiProperty({ example: 'UNMISS' }) @IsMissionCode() mission!: string;
  @ApiProperty({ example: 'IND' }) @IsIso3() contributor!: string;
  @ApiProperty({ example: '2019-03' }) @IsPeriod() period!: string;
  @ApiProperty({ example: '125000.00' }) @IsMoneyAmount() amountUsd!: string;

  @ApiProperty({ example: 'Air support under LOA 2019-004' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ example: '2019-04-15' })
  @IsBusinessDate()
  preparedOn!: string;
}

export class ClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional({ example: '2019-04' }) @IsOptional() @IsPeriod() period?: string;

  @ApiPropertyOptional({ enum: ['prepared', 'certified'] })
  @IsOptional()
  @IsIn(['prepared', 'certified'])
  status?: 'prepared' | 'certified';

  @ApiPropertyOptional({ enum: ['computed', 'adjustment', 'payable', 'imported'] })
  @IsOptional()
  @IsIn(['computed', 'adjustment', 'payable', 'imported'])
  origin?: string;
}
