import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportWarning, ReportWarningCode } from './verification.warnings';
import { VerificationContentRequest } from './verification.http.requests';

const MOU_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export class ReportWarningResponse implements ReportWarning {
  @ApiProperty({ enum: ['STRENGTH_ABOVE_CEILING', 'COUNT_ABOVE_MOU_QUANTITY', 'COUNTED_ITEM_NOT_IN_MOU'] })
  code!: ReportWarningCode;
  @ApiProperty({ example: '40 counted; MOU quantity 4' }) message!: string;
  @ApiPropertyOptional({ example: 'B003', description: 'The annex B line it is about' }) lineId?: string;
}

/** A version of a unit's report on a month: what was verified, as submitted, and where it stands. */
export class VerificationReportResponse extends VerificationContentRequest {
  @ApiProperty({ example: MOU_ID }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-06', description: 'The month verified' }) period!: string;
  @ApiProperty({
    type: [ReportWarningResponse],
    example: [],
    description:
      'What was counted beyond the MOU annex version governing the month; claims pay only up to it. A report recorded before warnings were kept: [].',
  })
  warnings!: ReportWarningResponse[];
  @ApiProperty({ example: 1, description: 'The report’s version; claims use the latest' }) version!: number;
}

export class VerificationReportVersionResponse extends VerificationReportResponse {
  @ApiProperty({ nullable: true, example: null, description: 'Why it was corrected; null on version 1' })
  reason!: string | null;
  @ApiProperty({ example: '2019-07-03T14:20:00.000Z' }) recordedAt!: string;
}

export class VerificationReportSummaryResponse {
  @ApiProperty({ example: MOU_ID }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-06' }) period!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: '2019-07-03' }) reportedOn!: string;
}
