import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClaimLine, ClaimLineKind, LineWarning, RateBasis } from './claim.lines';
import type { ClaimDetail } from './claim.queries';
import type { ClaimStatus } from './claim.status';

// The OpenAPI shape of GET /v1/claims/{id} (and of the claim the write routes answer).

export class RateTableRefResponse {
  @ApiProperty({ example: 'major-equipment' }) tableId!: string;
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
  @ApiProperty({ nullable: true, example: 2 }) mouAnnexVersion!: number | null;
  @ApiProperty({ nullable: true, example: 1 }) verificationReportVersion!: number | null;
}

const KINDS: ClaimLineKind[] = [
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
];

export class ClaimLineResponse implements Omit<ClaimLine, 'serviceDays' | 'adjustsSources'> {
  @ApiProperty({ enum: KINDS }) kind!: ClaimLineKind;
  @ApiProperty({ example: 'major_equipment' }) component!: ClaimLine['component'];
  @ApiProperty({ example: 'equipment:B001' }) key!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '4' }) quantity!: string;
  @ApiProperty({ example: '9500.00' }) rateUsd!: string;
  @ApiProperty({ example: '1.03' }) factor!: string;
  @ApiProperty({ example: '1' }) fraction!: string;
  @ApiPropertyOptional({ example: '0.5' }) share?: string;
  @ApiProperty({ example: '39140.00' }) amountUsd!: string;
  @ApiProperty({ type: ClaimLineSourcesResponse }) sources!: ClaimLineSourcesResponse;
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
  @ApiPropertyOptional({ example: 'equipment:B001' }) adjustsLineKey?: string;
}

export class ClaimBasisResponse {
  @ApiProperty({ example: 2 }) mouAnnexVersion!: number;
  @ApiProperty({ example: 1 }) verificationReportVersion!: number;
}

export class ClaimDetailResponse implements ClaimDetail {
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03/2019-04' }) claimRef!: string;
  @ApiProperty({ enum: ['computed', 'adjustment', 'payable', 'imported'] }) origin!: string;
  @ApiProperty({ nullable: true }) mouId!: string | null;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 'personnel' }) category!: string;
  @ApiProperty({ example: '2019-04' }) period!: string;
  @ApiProperty({ enum: ['prepared', 'voided', 'certified', 'paid'] }) status!: ClaimStatus;
  @ApiProperty({ example: '541621.99' }) amountUsd!: string;
  @ApiProperty({ example: '0.00' }) paidUsd!: string;
  @ApiProperty({ example: '541621.99' }) outstandingUsd!: string;
  @ApiProperty({ example: '0.00' }) creditUsd!: string;
  @ApiProperty({ nullable: true }) preparedOn!: string | null;
  @ApiProperty({ nullable: true }) preparedBy!: string | null;
  @ApiProperty({ nullable: true }) certifiedOn!: string | null;
  @ApiProperty({ nullable: true }) certifiedBy!: string | null;
  @ApiProperty({ nullable: true }) voidedOn!: string | null;
  @ApiProperty({ nullable: true }) voidedBy!: string | null;
  @ApiProperty({ nullable: true }) voidReason!: string | null;
  @ApiProperty({ nullable: true }) adjustsClaimId!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: [ClaimLineResponse] }) lines!: ClaimLineResponse[];
  @ApiProperty({ type: ClaimBasisResponse, nullable: true }) basis!: ClaimBasisResponse | null;
  @ApiProperty({ type: [String] }) adjustmentClaimIds!: string[];
}
