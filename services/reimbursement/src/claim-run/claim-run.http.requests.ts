import { IsBusinessDate, IsMissionCode, IsPeriod } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class RunMonthlyClaimsRequest {
  @ApiProperty({ example: '2019-04', description: 'The month served.' })
  @IsPeriod()
  period!: string;

  @ApiPropertyOptional({ example: 'MINUSMA', description: 'One mission; every mission when left out.' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;

  @ApiProperty({ example: '2019-05-10', description: 'The business date the claims are prepared on.' })
  @IsBusinessDate()
  preparedOn!: string;
}

export class CertifyClaimRunRequest {
  @ApiProperty({ example: '2019-05-20' })
  @IsBusinessDate()
  certifiedOn!: string;
}

export class ClaimRunsQuery {
  @ApiPropertyOptional({ example: '2019-04' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ example: 'MINUSMA' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;
}
