import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { VerificationReport } from './verification.events';
import type { VerificationReportVersion } from './verification.queries';
import type { ReportWarning, ReportWarningCode } from './verification.warnings';

// The OpenAPI shape of a verification report as POST, a correction and GET answer it.

export class ReportWarningResponse implements ReportWarning {
  @ApiProperty({ enum: ['STRENGTH_ABOVE_CEILING', 'COUNT_ABOVE_MOU_QUANTITY', 'COUNTED_ITEM_NOT_IN_MOU'] })
  code!: ReportWarningCode;
  @ApiProperty({ example: '40 counted; MOU quantity 4' }) message!: string;
  @ApiPropertyOptional({ example: 'B003', description: 'The annex B line it is about' }) lineId?: string;
}

export class VerificationReportResponse implements VerificationReport {
  @ApiProperty() mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-04' }) period!: string;
  @ApiProperty({ example: '2019-05-03' }) reportedOn!: string;
  @ApiProperty({ example: 900, description: 'The strength counted, kept even above the ceiling' })
  strength!: number;
  @ApiProperty({ nullable: true, example: null }) daysServed!: number | null;
  @ApiPropertyOptional({ nullable: true }) daysServedReason?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, nullable: true })
  strengthByDay?: VerificationReport['strengthByDay'];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Each annex B line as counted (kept even above the MOU quantity)',
  })
  equipment!: VerificationReport['equipment'];
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  selfSustainment!: VerificationReport['selfSustainment'];
  @ApiProperty({
    type: [ReportWarningResponse],
    description:
      'What was counted beyond the MOU annex version governing the month; claims pay only up to it. A report recorded before warnings were kept: [].',
  })
  warnings!: ReportWarningResponse[];
  @ApiProperty({ example: 1 }) version!: number;
}

export class VerificationReportVersionResponse
  extends VerificationReportResponse
  implements VerificationReportVersion
{
  @ApiProperty({ nullable: true, description: 'Why a correction was made; null on version 1' })
  reason!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}
