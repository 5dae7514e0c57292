import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LineWarning, RateBasis } from './claim.lines';

const CLAIM_ID = '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';
const MOU_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export class RateTableRefResponse {
  @ApiProperty({ example: 'personnel' }) tableId!: string;
  @ApiProperty({ example: 3 }) version!: number;
}

export class RateTableInForceResponse extends RateTableRefResponse {
  @ApiProperty({ example: '2017-07-01' }) effectiveFrom!: string;
}

export class RateBasisResponse implements RateBasis {
  @ApiProperty({
    enum: ['mou', 'rate-table'],
    description:
      '`rate-table`: the generic rate in force on the month’s first day, which governs an item the table lists; `mou`: the rate agreed in the MOU, for an item the table does not list (a special case) or when no table is in force.',
  })
  source!: 'mou' | 'rate-table';
  @ApiProperty({
    example:
      'Generic rate of the major-equipment table version 3, in force from 2017-07-01; it governs over the 9000.00 the MOU (annex version 2) records, since revised generic rates apply to every MOU from their effective date.',
  })
  reason!: string;
  @ApiPropertyOptional({ type: RateTableInForceResponse }) rateTable?: RateTableInForceResponse;
  @ApiPropertyOptional({ example: 2, description: 'The MOU annex version that records a rate for the line' })
  mouVersion?: number;
  @ApiPropertyOptional({ example: '9000.00', description: 'The rate the MOU records' }) mouRateUsd?: string;
}

export class LineWarningResponse implements LineWarning {
  @ApiProperty({ enum: ['STRENGTH_ABOVE_CEILING', 'COUNT_ABOVE_MOU_QUANTITY'] }) code!: string;
  @ApiProperty({ example: '40 counted; MOU quantity 4' }) message!: string;
}

export class ClaimLineSourcesResponse {
  @ApiProperty({ type: [RateTableRefResponse] }) rateTables!: RateTableRefResponse[];
  @ApiProperty({ nullable: true, example: 1 }) mouAnnexVersion!: number | null;
  @ApiProperty({ nullable: true, example: 1 }) verificationReportVersion!: number | null;
}

export class ServiceDaysResponse {
  @ApiProperty({ enum: ['movements', 'override'] }) source!: string;
  @ApiProperty({ example: 30 }) days!: number;
  @ApiProperty({ example: 30 }) basis!: number;
  @ApiProperty({ nullable: true, example: null }) reason!: string | null;
}

export class ClaimLineResponse {
  @ApiProperty({
    enum: [
      'PERSONNEL',
      'MAJOR_EQUIPMENT',
      'SELF_SUSTAINMENT',
      'DEDUCTION_67_261',
      'ADJUSTMENT',
      'LETTER_OF_ASSIST',
      'DEATH_AND_DISABILITY',
      'PREMIUM_RISK',
      'PREMIUM_KEY_ENABLER',
      'HOSTILE_ACTION_LOSS',
    ],
  })
  kind!: string;
  @ApiProperty({ example: 'personnel', description: 'The payable category the line counts in' })
  component!: string;
  @ApiProperty({
    example: 'personnel',
    description: 'Stable across recalculations (`equipment:<lineId>`, …)',
  })
  key!: string;
  @ApiProperty({ example: 'Personnel: 850 × 1,428.00' }) description!: string;
  @ApiProperty({ example: '850' }) quantity!: string;
  @ApiProperty({ example: '1428.00' }) rateUsd!: string;
  @ApiProperty({ example: '1', description: 'Mission-factor multiplier' }) factor!: string;
  @ApiProperty({ example: '1', description: 'Part-month fraction `days/base`, or 1' }) fraction!: string;
  @ApiPropertyOptional({
    example: '0.5',
    description: 'Share of a partly provided self-sustainment category',
  })
  share?: string;
  @ApiProperty({ example: '1213800.00' }) amountUsd!: string;
  @ApiProperty({ type: ClaimLineSourcesResponse, description: 'What the line was computed from' })
  sources!: ClaimLineSourcesResponse;
  @ApiPropertyOptional({
    type: RateBasisResponse,
    description:
      'On personnel, major-equipment and self-sustainment lines: the rate used and why. Absent on lines recorded before it was kept.',
  })
  rateBasis?: RateBasisResponse;
  @ApiPropertyOptional({
    type: [LineWarningResponse],
    description:
      'What the verification report counted beyond the MOU on this line (paid only up to it); absent when nothing.',
  })
  warnings?: LineWarningResponse[];
  @ApiPropertyOptional({ type: ServiceDaysResponse }) serviceDays?: ServiceDaysResponse;
  @ApiPropertyOptional({ example: 'equipment:APC-1', description: 'On ADJUSTMENT lines' })
  adjustsLineKey?: string;
  @ApiPropertyOptional({ type: ClaimLineSourcesResponse, description: 'On ADJUSTMENT lines' })
  adjustsSources?: ClaimLineSourcesResponse;
}

export class ClaimSummaryResponse {
  @ApiProperty({ example: CLAIM_ID }) claimId!: string;
  @ApiProperty({ example: 'CLM-MINUSMA-BGD-2019-06' }) claimRef!: string;
  @ApiProperty({
    example: 'prepared',
    description: 'How it came: prepared here, imported, a letter of assist…',
  })
  origin!: string;
  @ApiProperty({ nullable: true, example: MOU_ID }) mouId!: string | null;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 'personnel' }) category!: string;
  @ApiProperty({ example: '2019-06', description: 'The month served' }) period!: string;
  @ApiProperty({ enum: ['prepared', 'certified', 'paid', 'voided'] }) status!: string;
  @ApiProperty({ example: '1428000.00' }) amountUsd!: string;
  @ApiProperty({ example: '0.00' }) paidUsd!: string;
  @ApiProperty({ example: '1428000.00', description: 'Owed now, its payee’s credits offset' })
  outstandingUsd!: string;
  @ApiProperty({ example: '0.00', description: 'For a credit: what no payable has absorbed yet' })
  creditUsd!: string;
  @ApiProperty({ nullable: true, example: '2019-07-05' }) preparedOn!: string | null;
  @ApiProperty({ nullable: true, example: 'officer-a' }) preparedBy!: string | null;
  @ApiProperty({ nullable: true, example: null }) certifiedOn!: string | null;
  @ApiProperty({ nullable: true, example: null }) certifiedBy!: string | null;
  @ApiProperty({ nullable: true, example: null }) voidedOn!: string | null;
  @ApiProperty({ nullable: true, example: null }) voidedBy!: string | null;
  @ApiProperty({ nullable: true, example: null }) voidReason!: string | null;
  @ApiProperty({ nullable: true, example: null, description: 'On an adjustment claim: the claim it adjusts' })
  adjustsClaimId!: string | null;
  @ApiProperty({ example: 1, description: 'The stream version, also the ETag' }) version!: number;
}

export class ClaimBasisResponse {
  @ApiProperty({ example: 1 }) mouAnnexVersion!: number;
  @ApiProperty({ example: 1 }) verificationReportVersion!: number;
}

export class ClaimResponse extends ClaimSummaryResponse {
  @ApiProperty({ type: [ClaimLineResponse] }) lines!: ClaimLineResponse[];
  @ApiProperty({ type: ClaimBasisResponse, nullable: true }) basis!: ClaimBasisResponse | null;
  @ApiProperty({ type: [String], example: [], description: 'Adjustment claims made after certification' })
  adjustmentClaimIds!: string[];
}

export class ClaimPageResponse {
  @ApiProperty({ type: [ClaimSummaryResponse] }) items!: ClaimSummaryResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
