import { ApiProperty } from '@nestjs/swagger';
import { RateTableRefResponse } from '../claim/claim.http.responses';

// The answers of the payables outside claims: a letter of assist, a death and disability case, a loss
// through hostile action.

const CLAIM_ID = '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';
const VERSION = { example: 2, description: 'The stream version, also the ETag' };

export class LetterOfAssistInvoiceResponse {
  @ApiProperty({ example: 'INV-2019-07' }) invoiceRef!: string;
  @ApiProperty({ example: '2019-07', description: 'The month the services were provided' }) period!: string;
  @ApiProperty({ example: '250000.00' }) amountUsd!: string;
  @ApiProperty({ example: '2019-08-05' }) recordedOn!: string;
  @ApiProperty({ example: 'officer-a' }) recordedBy!: string;
  @ApiProperty({ enum: ['recorded', 'certified', 'lapsed'] }) status!: string;
  @ApiProperty({ nullable: true, example: '2019-08-12' }) certifiedOn!: string | null;
  @ApiProperty({ nullable: true, example: 'officer-b' }) certifiedBy!: string | null;
  @ApiProperty({ nullable: true, example: CLAIM_ID, description: 'The claim it became' }) claimId!:
    | string
    | null;
  @ApiProperty({ nullable: true, example: 'LOA/MINUSMA/BGD/07/INV-2019-07' }) claimRef!: string | null;
}

export class LetterOfAssistResponse {
  @ApiProperty({ example: '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e' }) loaId!: string;
  @ApiProperty({ example: 'LOA/MINUSMA/BGD/07' }) loaRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 'Airlift of rotation troops' }) description!: string;
  @ApiProperty({ example: '1000000.00' }) notToExceedUsd!: string;
  @ApiProperty({ example: '2019-06-01' }) issuedOn!: string;
  @ApiProperty({ example: 'officer-a' }) issuedBy!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ type: [LetterOfAssistInvoiceResponse] }) invoices!: LetterOfAssistInvoiceResponse[];
  @ApiProperty({ example: '250000.00', description: 'Sum of the certified invoices' }) certifiedUsd!: string;
  @ApiProperty({ example: '750000.00' }) remainingUsd!: string;
  @ApiProperty({ example: '2019-08-12', description: 'The latest business date recorded on it' })
  lastDatedOn!: string;
  @ApiProperty({ nullable: true, example: null }) closedOn!: string | null;
  @ApiProperty({ nullable: true, example: null }) closedBy!: string | null;
  @ApiProperty(VERSION) version!: number;
}

export class LetterOfAssistPageResponse {
  @ApiProperty({ type: [LetterOfAssistResponse] }) items!: LetterOfAssistResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class PayableCertificationResponse {
  @ApiProperty({ example: '2019-09-02' }) certifiedOn!: string;
  @ApiProperty({ example: 'officer-b' }) certifiedBy!: string;
  @ApiProperty({ example: CLAIM_ID }) claimId!: string;
  @ApiProperty({ example: 'DD/MINUSMA/BGD/SN-12345' }) claimRef!: string;
}

export class DeathAndDisabilityCaseResponse {
  @ApiProperty({ example: '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a' }) caseId!: string;
  @ApiProperty({ example: 'DD/MINUSMA/BGD/SN-12345' }) caseRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ nullable: true, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string | null;
  @ApiProperty({ nullable: true, example: 'BANBAT-1' }) unit!: string | null;
  @ApiProperty({ example: 'SN-12345', description: 'Service or case number, never a name' })
  personRef!: string;
  @ApiProperty({ example: '2019-07-14' }) incidentOn!: string;
  @ApiProperty({ enum: ['death', 'disability'] }) type!: string;
  @ApiProperty({ nullable: true, example: null, description: 'Degree of disability; null for a death' })
  degreePct!: string | null;
  @ApiProperty({ example: '2019-08-01' }) recordedOn!: string;
  @ApiProperty({ example: 'officer-a', description: 'Who may not certify it' }) recordedBy!: string;
  @ApiProperty({ type: RateTableRefResponse }) rateTable!: RateTableRefResponse;
  @ApiProperty({ example: '77000.00' }) standardAmountUsd!: string;
  @ApiProperty({ example: '77000.00' }) amountUsd!: string;
  @ApiProperty({ enum: ['recorded', 'certified'] }) status!: string;
  @ApiProperty({ type: PayableCertificationResponse, nullable: true })
  certification!: PayableCertificationResponse | null;
  @ApiProperty(VERSION) version!: number;
}

export class DeathAndDisabilityCasePageResponse {
  @ApiProperty({ type: [DeathAndDisabilityCaseResponse] }) items!: DeathAndDisabilityCaseResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class HostileActionItemResponse {
  @ApiProperty({
    nullable: true,
    example: 'APC-1',
    description: 'The MOU annex B line, when the item is one',
  })
  lineId!: string | null;
  @ApiProperty({ example: 'Armoured personnel carrier' }) category!: string;
  @ApiProperty({ example: 'APC, wheeled, class II' }) item!: string;
  @ApiProperty({ example: 1 }) quantity!: number;
  @ApiProperty({ example: '480000.00' }) gfmvEachUsd!: string;
  @ApiProperty({ example: '480000.00' }) gfmvUsd!: string;
}

export class HostileActionIncidentResponse {
  @ApiProperty({ example: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b' }) incidentId!: string;
  @ApiProperty({ example: 'MINUSMA/2019/017' }) incidentRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ enum: ['hostile-action', 'forced-abandonment'] }) cause!: string;
  @ApiProperty({ example: '2019-07-14' }) occurredOn!: string;
  @ApiProperty({ type: [HostileActionItemResponse] }) items!: HostileActionItemResponse[];
  @ApiProperty({ example: '480000.00' }) totalGfmvUsd!: string;
  @ApiProperty({ example: '250000.00', description: 'The liability threshold in force on occurredOn' })
  thresholdUsd!: string;
  @ApiProperty({ enum: ['united-nations', 'contributor'] }) liability!: string;
  @ApiProperty({ example: '2019-08-01' }) recordedOn!: string;
  @ApiProperty({ example: 'officer-a', description: 'Who may not certify it' }) recordedBy!: string;
  @ApiProperty({ type: RateTableRefResponse }) rateTable!: RateTableRefResponse;
  @ApiProperty({ enum: ['recorded', 'certified'] }) status!: string;
  @ApiProperty({ type: PayableCertificationResponse, nullable: true })
  certification!: PayableCertificationResponse | null;
  @ApiProperty(VERSION) version!: number;
}

export class HostileActionIncidentPageResponse {
  @ApiProperty({ type: [HostileActionIncidentResponse] }) items!: HostileActionIncidentResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
