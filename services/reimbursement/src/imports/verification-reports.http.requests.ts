import { IsPeriod } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { VerificationContentRequest } from '../verification/verification.http.requests';

/** One report of the JSON form of the import: the single POST's body, the unit by id or reference. */
export class ImportVerificationReportRequest extends VerificationContentRequest {
  @ApiPropertyOptional({ description: 'The MOU (unit) verified; `mouRef` may name it instead.' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,200}$/)
  mouId?: string;

  @ApiPropertyOptional({ example: 'DOS/MINUSMA/BGD/03', description: 'The MOU by its reference.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  mouRef?: string;

  @ApiProperty({ example: '2019-04' })
  @IsPeriod()
  period!: string;

  @ApiPropertyOptional({
    example: 'Two APCs were found unserviceable on re-inspection.',
    description:
      'Present when the report corrects one already recorded for the unit and month: it is then recorded as version n+1 with this reason.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  correctionReason?: string;

  @ApiPropertyOptional({
    example: 'MINUSMA-2019-04-BGD03',
    description:
      'The field system’s name for the report, echoed as `ref` in a rejection (default `<mouRef or mouId>/<period>`).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reportRef?: string;
}
