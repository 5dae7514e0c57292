import { UNIT_TYPES } from '@coe/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AMENDMENT_KINDS } from './mou.events';
import { MOU_STATUSES } from './mou.state';

// OpenAPI shapes of what the MOU routes answer (MouView / MouDetail in mou.read-model.ts).

class AnnexBLineResponse {
  @ApiProperty({ example: 'B001' }) lineId!: string;
  @ApiProperty({ example: 'Engineering' }) category!: string;
  @ApiProperty({ example: 'Bulldozer, medium' }) item!: string;
  @ApiProperty({ example: 4 }) quantity!: number;
  @ApiProperty({ enum: ['wet', 'dry'] }) lease!: string;
  @ApiProperty({ example: '1875.50' }) monthlyRateUsd!: string;
}

class AnnexCCategoryResponse {
  @ApiProperty({ example: 'Engineering' }) category!: string;
  @ApiProperty({ example: '28.00' }) ratePerPersonUsd!: string;
}

class MissionFactorsResponse {
  @ApiProperty({ example: '2.50' }) extremeEnvironmentPct!: string;
  @ApiProperty({ example: '0.00' }) intensifiedOperationalConditionPct!: string;
  @ApiProperty({ example: '5.00' }) hostileActionPct!: string;
}

class TermsResponse {
  @ApiProperty({ example: 850 }) personnelCeiling!: number;
  @ApiProperty({ type: [AnnexBLineResponse] }) annexB!: AnnexBLineResponse[];
  @ApiProperty({ type: [AnnexCCategoryResponse] }) annexC!: AnnexCCategoryResponse[];
  @ApiProperty({ type: MissionFactorsResponse }) missionFactors!: MissionFactorsResponse;
}

class TermsChangesResponse {
  @ApiPropertyOptional({ example: 850 }) personnelCeiling?: number;
  @ApiPropertyOptional({ type: [AnnexBLineResponse] }) annexB?: AnnexBLineResponse[];
  @ApiPropertyOptional({ type: [AnnexCCategoryResponse] }) annexC?: AnnexCCategoryResponse[];
  @ApiPropertyOptional({ type: MissionFactorsResponse }) missionFactors?: MissionFactorsResponse;
}

class NegotiationRoundResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'null: the MOU itself', example: 1 })
  amendmentNumber!: number | null;
  @ApiProperty({ example: 1 }) round!: number;
  @ApiProperty({ enum: ['un', 'contributor'] }) proposedBy!: string;
  @ApiProperty({ example: '2019-05-02' }) proposedOn!: string;
  @ApiProperty({ type: TermsChangesResponse }) changes!: TermsChangesResponse;
}

class SignaturesResponse {
  @ApiPropertyOptional({ example: 'BGD' }) contributor?: string;
  @ApiPropertyOptional() un?: string;
}

class AmendmentResponse {
  @ApiProperty({ example: 1 }) amendmentNumber!: number;
  @ApiProperty({ enum: AMENDMENT_KINDS }) kind!: string;
  @ApiProperty({ example: 'Rotation: two additional water trucks' }) description!: string;
  @ApiProperty({ enum: ['negotiating', 'in-force', 'withdrawn'] }) status!: string;
  @ApiProperty({ example: '2019-05-02' }) proposedOn!: string;
  @ApiProperty({ example: '2019-10-01' }) effectiveOn!: string;
  @ApiProperty({ type: TermsResponse }) terms!: TermsResponse;
  @ApiProperty({ type: SignaturesResponse }) signatures!: SignaturesResponse;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) annexVersion!: number | null;
  @ApiProperty({ nullable: true, type: String }) signedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnOn!: string | null;
}

export class MouResponse {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ example: 'BANBAT-1' }) unitName!: string;
  @ApiProperty({ enum: UNIT_TYPES }) unitType!: string;
  @ApiProperty({ enum: MOU_STATUSES }) status!: string;
  @ApiProperty({ example: '2019-04-20' }) negotiationOpenedOn!: string;
  @ApiProperty({ nullable: true, type: String }) sentToPermanentMissionOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) signedByContributorOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) signedByUnOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The later signature' }) inForceOn!:
    | string
    | null;
  @ApiProperty({ description: '0 until in force', example: 1 }) annexVersion!: number;
  @ApiProperty({
    type: TermsResponse,
    description: 'The terms in force, or those on the table before entry into force',
  })
  annexes!: TermsResponse;
  @ApiProperty({ nullable: true, type: String }) annexesEffectiveOn!: string | null;
  @ApiProperty({ type: [NegotiationRoundResponse] }) negotiationRounds!: NegotiationRoundResponse[];
  @ApiProperty({ type: [AmendmentResponse] }) amendments!: AmendmentResponse[];
  @ApiProperty({ nullable: true, type: String }) deployedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) repatriatedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedOn!: string | null;
  @ApiProperty({ description: 'The stream version, also the ETag', example: 3 }) version!: number;
}

class ActorResponse {
  @ApiProperty({ example: 'clerk-1' }) sub!: string;
  @ApiProperty({ type: [String], example: ['mou-clerk'] }) roles!: string[];
}

class DocumentResponse {
  @ApiProperty({
    description: 'SHA-256 of the bytes; GET /v1/documents/{sha256} serves them',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256!: string;
  @ApiProperty({ example: 'MOU signed by the Permanent Representative' }) title!: string;
  @ApiProperty({ example: 'signed-mou' }) kind!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ description: 'bytes', example: 52311 }) size!: number;
}

class HistoryEntryResponse {
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: 'MouSigned' }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Business date', example: '2019-10-01' })
  effectiveOn!: string | null;
  @ApiProperty({ description: 'When it was recorded (RFC 3339)', example: '2019-05-02T09:30:00.000Z' })
  recordedAt!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
  @ApiProperty({ type: [DocumentResponse], description: 'The documents attached to the event' })
  documents!: DocumentResponse[];
}

export class MouDetailResponse extends MouResponse {
  @ApiProperty({ type: [HistoryEntryResponse] }) history!: HistoryEntryResponse[];
}

export class MouPageResponse {
  @ApiProperty({ type: [MouResponse] }) items!: MouResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
