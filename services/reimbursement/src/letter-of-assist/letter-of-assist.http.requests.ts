import { IsBusinessDate, IsIso3, IsMissionCode, IsMoneyAmount, IsPeriod } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class IssueLetterOfAssistRequest {
  @ApiProperty({ example: 'LOA/UNMISS/IND/2019-004', description: 'Unique, 1–32 characters.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,31}$/)
  loaRef!: string;

  @ApiProperty({ example: 'UNMISS' }) @IsMissionCode() mission!: string;
  @ApiProperty({ example: 'IND' }) @IsIso3() contributor!: string;

  @ApiProperty({ example: 'Two utility helicopters, 2019' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ example: '1250000.00', description: 'Not-to-exceed amount (NTE), USD.' })
  @IsMoneyAmount()
  notToExceedUsd!: string;

  @ApiProperty({ example: '2019-01-10' }) @IsBusinessDate() issuedOn!: string;
}

export class RecordLetterOfAssistInvoiceRequest {
  @ApiProperty({ example: 'INV-2019-03', description: 'Unique within the letter; letters, digits, . _ -.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)
  invoiceRef!: string;

  @ApiProperty({ example: '2019-02', description: 'The month the services were provided.' })
  @IsPeriod()
  period!: string;

  @ApiProperty({ example: '104166.67' }) @IsMoneyAmount() amountUsd!: string;
  @ApiProperty({ example: '2019-03-05' }) @IsBusinessDate() recordedOn!: string;
}

export class CertifyLetterOfAssistInvoiceRequest {
  @ApiProperty({ example: '2019-03-20' }) @IsBusinessDate() certifiedOn!: string;
}

export class CloseLetterOfAssistRequest {
  @ApiProperty({ example: '2019-12-31' }) @IsBusinessDate() closedOn!: string;
}

export class LettersOfAssistQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'UNMISS' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'IND' }) @IsOptional() @IsIso3() contributor?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: string;
}
