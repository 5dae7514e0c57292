import { ApiProperty } from '@nestjs/swagger';

const VALUES = {
  type: 'object',
  additionalProperties: true,
  description:
    'The rates of the version; `kind` says which shape (personnel: ratePerPersonMonthUsd; major-equipment: ' +
    'items; self-sustainment: categories; …), as the request of that kind’s POST gives them',
  example: { kind: 'personnel', ratePerPersonMonthUsd: '1428.00' },
} as const;

export class RateTableVersionResponse {
  @ApiProperty({ example: 'personnel', description: 'e.g. `personnel`, `mission-factors-MINUSMA`' })
  tableId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: '2019-07-01', description: 'The first service date it applies to' })
  effectiveFrom!: string;
  @ApiProperty({ example: '2019-06-15' }) issuedOn!: string;
  @ApiProperty(VALUES) values!: Record<string, unknown>;
}

export class AffectedClaimResponse {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d' }) claimId!: string;
  @ApiProperty({ example: 'CLM-MINUSMA-BGD-2019-07' }) claimRef!: string;
  @ApiProperty({ nullable: true, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string | null;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-07' }) period!: string;
  @ApiProperty({ type: [Number], example: [2], description: 'The versions its lines were computed from' })
  usedVersions!: number[];
}

export class IssuedRateTableVersionResponse extends RateTableVersionResponse {
  @ApiProperty({
    type: [AffectedClaimResponse],
    description: 'Certified claims it changes (a version effective in the past): adjust each',
  })
  affectedClaims!: AffectedClaimResponse[];
}

export class RateTableResponse {
  @ApiProperty({ example: 'personnel' }) tableId!: string;
  @ApiProperty({ example: 'personnel' }) kind!: string;
  @ApiProperty({ type: [RateTableVersionResponse] }) versions!: RateTableVersionResponse[];
}
