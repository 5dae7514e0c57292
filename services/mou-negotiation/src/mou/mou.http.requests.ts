import { type MouParty, UNIT_TYPES, type UnitType } from '@coe/contracts';
import {
  type DocumentAttachment,
  DocumentsField,
  IsBusinessDate,
  IsIso3,
  IsMissionCode,
  IsMoneyAmount,
  pageQueryUpTo,
} from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MOU_DOCUMENT_KINDS, type MouDocumentKind } from './mou.documents';
import { AMENDMENT_KINDS, type AmendmentKind } from './mou.events';
import { MOU_STATUSES, type MouStatus } from './mou.state';

const PARTIES: MouParty[] = ['un', 'contributor'];
const MAX_PERSONNEL = 20000;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export class DraftMouRequest {
  @ApiPropertyOptional({
    example: 'DOS/MINUSMA/BGD/03',
    description: 'Default: the next free number of the mission and contributor.',
  })
  @IsOptional()
  @Matches(/^DOS\/[A-Z]{2,12}\/[A-Z]{3}\/\d{2,4}$/, {
    message: 'mouRef must look like DOS/<MISSION>/<ISO3>/<nn>',
  })
  mouRef?: string;

  @ApiProperty({ example: 'MINUSMA' }) @IsMissionCode() mission!: string;
  @ApiProperty({ example: 'BGD' }) @IsIso3() contributor!: string;

  @ApiPropertyOptional({ description: "Force generation's unit id, when the unit is known there." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unitId?: string;

  @ApiProperty({ example: 'BANBAT-3' }) @IsString() @Length(1, 200) unitName!: string;
  @ApiProperty({ enum: UNIT_TYPES }) @IsIn(UNIT_TYPES) unitType!: UnitType;

  @ApiProperty({
    minimum: 1,
    maximum: MAX_PERSONNEL,
    example: 850,
    description: 'Annex A: the personnel ceiling.',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PERSONNEL)
  personnelCeiling!: number;

  @ApiProperty({ example: '2018-01-15' }) @IsBusinessDate() negotiationOpenedOn!: string;
}

export class NewAnnexBLineRequest {
  @ApiProperty({
    example: 'support-vehicle-military',
    description:
      'A major-equipment code of GET /v1/reference/coe-codes, exactly as listed (422 UNKNOWN_CATEGORY).',
  })
  @IsString()
  @Length(1, 100)
  category!: string;
  @ApiProperty({
    example: 'truck-cargo-5t',
    description: 'An item code listed under the line’s category in `items` of GET /v1/reference/coe-codes, exactly (422 UNKNOWN_ITEM otherwise).'
  })
  @IsString()
  @Length(1, 200)
  item!: string;
  @ApiProperty({ minimum: 1, example: 4 }) @IsInt() @Min(1) @Max(100000) quantity!: number;
  @ApiProperty({ enum: ['wet', 'dry'] }) @IsIn(['wet', 'dry']) lease!: 'wet' | 'dry';
  @ApiProperty({ example: '1875.50', description: 'Monthly rate per item, USD.' })
  @IsMoneyAmount()
  monthlyRateUsd!: string;
}

export class AnnexBLineRequest extends NewAnnexBLineRequest {
  @ApiPropertyOptional({
    example: 'B001',
    description: 'A line on the table, kept (with these values); without it, a new line.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  lineId?: string;
}

export class AnnexBReplacementRequest extends NewAnnexBLineRequest {
  @ApiProperty({ example: 'B001', description: 'The line on the table that these values replace.' })
  @IsString()
  @Length(1, 20)
  lineId!: string;
}

export class AnnexBEditsRequest {
  @ApiPropertyOptional({
    type: [NewAnnexBLineRequest],
    description: 'New lines; each gets the next line id.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => NewAnnexBLineRequest)
  add?: NewAnnexBLineRequest[];

  @ApiPropertyOptional({
    type: [AnnexBReplacementRequest],
    description: 'Lines replaced, by id; they keep it.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AnnexBReplacementRequest)
  replace?: AnnexBReplacementRequest[];

  @ApiPropertyOptional({ type: [String], example: ['B002'], description: 'Line ids removed.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  remove?: string[];
}

export class AnnexCCategoryRequest {
  @ApiProperty({
    example: 'catering',
    description:
      'A self-sustainment code of GET /v1/reference/coe-codes, exactly as listed (422 UNKNOWN_CATEGORY).',
  })
  @IsString()
  @Length(1, 100)
  category!: string;
  @ApiProperty({ example: '28.00', description: 'Rate per person per month, USD.' })
  @IsMoneyAmount()
  ratePerPersonUsd!: string;
}

export class MissionFactorsRequest {
  @ApiProperty({
    example: '2.50',
    description: 'Percent; each factor from 0 to the configured bound (5.00 by default).',
  })
  @Matches(PERCENT, { message: 'extremeEnvironmentPct must be a percentage such as "2.50"' })
  extremeEnvironmentPct!: string;

  @ApiProperty({ example: '1.00' })
  @Matches(PERCENT, { message: 'intensifiedOperationalConditionPct must be a percentage such as "1.00"' })
  intensifiedOperationalConditionPct!: string;

  @ApiProperty({ example: '3.00' })
  @Matches(PERCENT, { message: 'hostileActionPct must be a percentage such as "3.00"' })
  hostileActionPct!: string;
}

/**
 * A section given replaces that section of the terms on the table; a section left out stays. Annex B
 * is edited line by line (`annexBEdits`) or given in full (`annexB`, every line on the table named).
 */
export class TermsChangesRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PERSONNEL })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PERSONNEL)
  personnelCeiling?: number;

  @ApiPropertyOptional({
    type: [AnnexBLineRequest],
    description:
      'Annex B in full: every line on the table, by lineId, and new lines without one. A line on the table ' +
      'left out is refused (422 ANNEX_B_LINE_OMITTED), never dropped: remove lines with annexBEdits.remove.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AnnexBLineRequest)
  annexB?: AnnexBLineRequest[];

  @ApiPropertyOptional({
    type: AnnexBEditsRequest,
    description:
      'Annex B line edits: add, replace and remove lines by id; lines not named stay as they are. ' +
      'Not together with annexB (422 ANNEX_B_GIVEN_TWICE).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnexBEditsRequest)
  annexBEdits?: AnnexBEditsRequest;

  @ApiPropertyOptional({ type: [AnnexCCategoryRequest], description: 'Annex C in full.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnnexCCategoryRequest)
  annexC?: AnnexCCategoryRequest[];

  @ApiPropertyOptional({ type: MissionFactorsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => MissionFactorsRequest)
  missionFactors?: MissionFactorsRequest;
}

export class NegotiationRoundRequest {
  @ApiProperty({ enum: PARTIES }) @IsIn(PARTIES) proposedBy!: MouParty;
  @ApiProperty({ example: '2018-02-01' }) @IsBusinessDate() proposedOn!: string;

  @ApiProperty({ type: TermsChangesRequest })
  @ValidateNested()
  @Type(() => TermsChangesRequest)
  changes!: TermsChangesRequest;
}

const MouDocuments = (example: string) =>
  DocumentsField('MouDocumentAttachment', MOU_DOCUMENT_KINDS, example);

export class SentToPermanentMissionRequest {
  @ApiProperty({ example: '2018-06-01' }) @IsBusinessDate() sentOn!: string;
  @MouDocuments('e.g. the note verbale that went with the draft')
  documents?: DocumentAttachment<MouDocumentKind>[];
}

export class SignatureRequest {
  @ApiProperty({ enum: PARTIES }) @IsIn(PARTIES) party!: MouParty;
  @ApiProperty({ example: '2019-03-14' }) @IsBusinessDate() signedOn!: string;
  @MouDocuments('e.g. the MOU as signed') documents?: DocumentAttachment<MouDocumentKind>[];
}

export class AmendmentRequest {
  @ApiProperty({ enum: AMENDMENT_KINDS }) @IsIn(AMENDMENT_KINDS) kind!: AmendmentKind;
  @ApiProperty({ example: 'Rotation with an additional engineering platoon' })
  @IsString()
  @Length(1, 2000)
  description!: string;
  @ApiProperty({ enum: PARTIES }) @IsIn(PARTIES) proposedBy!: MouParty;
  @ApiProperty({ example: '2019-06-01' }) @IsBusinessDate() proposedOn!: string;
  // a stated date, possibly ahead: a rotation agreed now may take effect next month
  @ApiProperty({
    example: '2019-07-01',
    description: 'The day the amended terms take effect once signed; may be ahead.',
  })
  @IsBusinessDate({ allowFuture: true })
  effectiveOn!: string;

  @ApiProperty({ type: TermsChangesRequest })
  @ValidateNested()
  @Type(() => TermsChangesRequest)
  changes!: TermsChangesRequest;
}

export class WithdrawalRequest {
  @ApiProperty({ example: '2019-04-01' }) @IsBusinessDate() withdrawnOn!: string;
  @ApiProperty({ example: 'Deployment cancelled' }) @IsString() @Length(1, 2000) reason!: string;
}

export class ClosureRequest {
  @ApiProperty({ example: '2020-06-30' }) @IsBusinessDate() closedOn!: string;
}

/** The MOU list's filters, with the platform's pagination up to 200 a page. */
export class ListMousQueryRequest extends pageQueryUpTo(200) {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;
  @ApiPropertyOptional({ enum: MOU_STATUSES }) @IsOptional() @IsIn(MOU_STATUSES) status?: MouStatus;

  @ApiPropertyOptional({ example: 'DOS/MINUSMA/BGD/03', description: 'The MOU with this reference (exact).' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  mouRef?: string;

  @ApiPropertyOptional({
    description: 'The MOUs of this force-generation unit id (a withdrawn one and its successor).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unitId?: string;
}
