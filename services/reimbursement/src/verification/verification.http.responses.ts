import { ApiProperty } from '@nestjs/swagger';
import { VerificationContentRequest } from './verification.http.requests';

const MOU_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A version of a unit's report on a month: what was verified, as submitted, and where it stands. */
export class VerificationReportResponse extends VerificationContentRequest {
  @ApiProperty({ example: MOU_ID }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-06', description: 'The month verified' }) period!: string;
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
