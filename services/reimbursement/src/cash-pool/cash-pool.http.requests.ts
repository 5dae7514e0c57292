import { IsBusinessDate, IsMissionCode, IsMoneyAmount } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';

export class ReceiveAssessmentRequest {
  @ApiProperty({ example: '125000000.00' }) @IsMoneyAmount() amountUsd!: string;
  @ApiProperty({ example: '2019-08-15' }) @IsBusinessDate() receivedOn!: string;
}

export class FundsQuery {
  @ApiPropertyOptional({ example: '2019-09-30', description: 'Defaults to today.' })
  @IsOptional()
  @IsBusinessDate({ allowFuture: true })
  asOf?: string;
}

export class LoansQuery {
  @ApiPropertyOptional({ example: 'MINUSMA', description: 'Loans this mission lent or borrowed.' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;

  @ApiPropertyOptional({ description: 'Only loans with (true) or without (false) an amount outstanding.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  outstanding?: boolean;
}

export class ProposePaymentRunRequest {
  @ApiProperty({ example: '2019-Q3', description: 'Calendar quarter.' })
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must be written YYYY-Qn, e.g. 2019-Q3' })
  quarter!: string;

  @ApiProperty({ example: '2019-09-25', description: 'The payment date, within the quarter.' })
  @IsBusinessDate()
  runOn!: string;

  @ApiPropertyOptional({
    example: '2019-09-20',
    description:
      'Business date: the day the run was proposed. Defaults to today (UTC). The instant it is recorded is `proposedAt`.',
  })
  @IsOptional()
  @IsBusinessDate()
  proposedOn?: string;
}

export class ApprovePaymentRunRequest {
  @ApiPropertyOptional({
    example: '2019-09-24',
    description:
      'Business date: the day the run was approved, not before it was proposed. Defaults to today (UTC). The instant it is recorded is `approvedAt`.',
  })
  @IsOptional()
  @IsBusinessDate()
  approvedOn?: string;
}

export class PaymentRunsQuery {
  @ApiPropertyOptional({ example: '2019-Q3' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must be written YYYY-Qn, e.g. 2019-Q3' })
  quarter?: string;
}

export class RecordMissionStatusRequest {
  @ApiProperty({ enum: ['active', 'closing', 'closed'], example: 'closed' })
  @IsIn(['active', 'closing', 'closed'])
  status!: 'active' | 'closing' | 'closed';

  @ApiProperty({ example: '2019-06-30', description: 'The day the status takes effect.' })
  @IsBusinessDate()
  effectiveFrom!: string;
}
