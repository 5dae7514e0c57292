import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const RUN_ID = '2c4e6a8b-1d3f-4b5a-9c7e-8f0a1b2c3d4e';

export class ClaimRunSummaryResponse {
  @ApiProperty({ example: RUN_ID }) runId!: string;
  @ApiProperty({ example: '2019-06', description: 'The month claimed' }) period!: string;
  @ApiProperty({ nullable: true, example: 'MINUSMA', description: 'null: every mission' }) mission!:
    | string
    | null;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: string;
  @ApiProperty({ example: '2019-07-05' }) preparedOn!: string;
  @ApiProperty({ example: 'officer-a' }) preparedBy!: string;
  @ApiProperty({ example: 60, description: 'Units the run looks at' }) units!: number;
  @ApiProperty({ example: 60 }) processed!: number;
  @ApiProperty({ example: 57 }) prepared!: number;
  @ApiProperty({ example: 1 }) alreadyClaimed!: number;
  @ApiProperty({ example: 2 }) notClaimed!: number;
  @ApiProperty({ example: '81396000.00', description: 'The sum of the claims it prepared' })
  amountUsd!: string;
  @ApiProperty({ example: 0, description: 'Times its claims were certified' }) certifications!: number;
}

export class ClaimRunOutcomeResponse {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ enum: ['prepared', 'already-claimed', 'not-claimed'] }) outcome!: string;
  @ApiPropertyOptional({ example: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d', description: 'Unless not claimed' })
  claimId?: string;
  @ApiPropertyOptional({ example: '1428000.00', description: 'When prepared' }) amountUsd?: string;
  @ApiPropertyOptional({ example: 'VERIFICATION_REPORT_NOT_FOUND', description: 'When not claimed' })
  code?: string;
  @ApiPropertyOptional({ example: 'No verification report for 2019-06', description: 'When not claimed' })
  reason?: string;
}

export class ClaimRunResponse extends ClaimRunSummaryResponse {
  @ApiProperty({ type: [ClaimRunOutcomeResponse], description: 'The units not claimed, with why' })
  exceptions!: ClaimRunOutcomeResponse[];
  @ApiProperty({ type: [ClaimRunOutcomeResponse] }) outcomes!: ClaimRunOutcomeResponse[];
  @ApiProperty({ example: 57, description: 'Claims of the run still awaiting certification' })
  awaitingCertification!: number;
}
