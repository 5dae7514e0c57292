import { type DocumentAttachment, DocumentsField, IsBusinessDate, IsPeriod } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VERIFICATION_DOCUMENT_KINDS, type VerificationDocumentKind } from './verification.documents';
import type { Provision } from './verification.events';

export class HostileActionLossRequest {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100000) count!: number;
  @ApiProperty({
    example: '0b6f3c2e-8f1d-4f43-9a53-0c1b2f0f6a11',
    description:
      'The id of a recorded hostile-action incident of the same MOU, occurred by the month’s end, that lost at least `count` items of this line (422 HOSTILE_ACTION_LOSS_* otherwise).',
  })
  @IsString()
  @Length(1, 200)
  incidentId!: string;
}

export class NotDeployedRequest {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100000) count!: number;
  @ApiProperty({ example: 'UCSD note 2019/117', description: 'The UN’s request not to deploy.' })
  @IsString()
  @Length(1, 200)
  reference!: string;
}

export class EquipmentVerifiedRequest {
  @ApiProperty({ example: 'B001', description: 'The annex B line.' })
  @IsString()
  @Length(1, 64)
  lineId!: string;

  @ApiProperty({ example: 7, description: 'Items present and serviceable.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  presentAndServiceable!: number;

  @ApiPropertyOptional({
    example: '2019-04-12',
    description:
      'When this line’s equipment reached the mission area after the troops (in the month reported): it is paid from that day.',
  })
  @IsOptional()
  @IsBusinessDate()
  arrivedOn?: string;

  @ApiPropertyOptional({ example: 2, description: 'Resolution 67/261: items present but unserviceable.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  presentUnserviceable?: number;

  @ApiPropertyOptional({
    example: 1,
    description:
      'Items absent; derived from the MOU quantity when omitted, refused (EQUIPMENT_COUNT_MISMATCH) when it does not add up.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  absent?: number;

  @ApiPropertyOptional({
    type: () => HostileActionLossRequest,
    description: 'Of the absent items, those lost through a recorded hostile-action incident.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HostileActionLossRequest)
  lostThroughHostileAction?: HostileActionLossRequest;

  @ApiPropertyOptional({
    type: () => NotDeployedRequest,
    description: 'Of the absent items, those the UN asked not to deploy.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotDeployedRequest)
  notDeployedAtUnRequest?: NotDeployedRequest;
}

export class StrengthRangeRequest {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(31) fromDay!: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(31) toDay!: number;
  @ApiProperty({ example: 850 }) @IsInt() @Min(0) @Max(20000) strength!: number;
}

export class SelfSustainmentVerifiedRequest {
  @ApiProperty({
    example: 'catering',
    description: 'An annex C category of the MOU, exactly as the annex says it (a self-sustainment code).',
  })
  @IsString()
  @Length(1, 200)
  category!: string;

  @ApiPropertyOptional({
    description: 'Required unless `provision` is given; true exactly when it is `full`.',
  })
  @ValidateIf(
    (s: SelfSustainmentVerifiedRequest) => s.provision === undefined || s.providedToStandard !== undefined,
  )
  @IsBoolean()
  providedToStandard?: boolean;

  @ApiPropertyOptional({
    enum: ['full', 'partial', 'none'],
    description: 'Provided in full, in part, or not.',
  })
  @IsOptional()
  @IsIn(['full', 'partial', 'none'])
  provision?: Provision;
}

export class VerificationContentRequest {
  @ApiProperty({ example: '2019-05-03' })
  @IsBusinessDate()
  reportedOn!: string;

  @ApiProperty({ example: 842, description: 'Actual personnel strength.' })
  @IsInt()
  @Min(0)
  @Max(20000)
  strength!: number;

  @ApiPropertyOptional({
    example: 18,
    description:
      'Override of the days served, which otherwise follow from the unit’s deployment and repatriation; needs `daysServedReason`.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  daysServed?: number;

  @ApiPropertyOptional({ example: 'Deployment date not yet recorded by force generation.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  daysServedReason?: string;

  @ApiPropertyOptional({
    type: [StrengthRangeRequest],
    description:
      'Strength by calendar-day ranges (a rotation month); a service day no range names has `strength`.',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StrengthRangeRequest)
  @ArrayMaxSize(31)
  strengthByDay?: StrengthRangeRequest[];

  @ApiProperty({ type: [EquipmentVerifiedRequest] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EquipmentVerifiedRequest)
  @ArrayMaxSize(5000)
  equipment!: EquipmentVerifiedRequest[];

  @ApiProperty({ type: [SelfSustainmentVerifiedRequest] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SelfSustainmentVerifiedRequest)
  @ArrayMaxSize(500)
  selfSustainment!: SelfSustainmentVerifiedRequest[];
}

const ReportDocuments = () =>
  DocumentsField(
    'VerificationDocumentAttachment',
    VERIFICATION_DOCUMENT_KINDS,
    'e.g. the report as the inspectors signed it',
  );

export class SubmitVerificationReportRequest extends VerificationContentRequest {
  @ReportDocuments() documents?: DocumentAttachment<VerificationDocumentKind>[];

  @ApiProperty({ description: 'The MOU (unit) verified.', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  @Matches(/^[\w.:-]{1,200}$/)
  mouId!: string;

  @ApiProperty({ example: '2019-04' })
  @IsPeriod()
  period!: string;
}

export class CorrectVerificationReportRequest extends VerificationContentRequest {
  @ReportDocuments() documents?: DocumentAttachment<VerificationDocumentKind>[];

  @ApiProperty({ example: 'Two APCs were found unserviceable on re-inspection.' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class VerificationReportsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[\w.:-]{1,200}$/) mouId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{2,12}$/) mission?: string;
  @ApiPropertyOptional() @IsOptional() @IsPeriod() period?: string;
}

/** What a report says, from its request body (the single POST, a correction, an import's JSON object). */
export const reportContentOf = (body: VerificationContentRequest) => ({
  reportedOn: body.reportedOn,
  strength: body.strength,
  daysServed: body.daysServed ?? null,
  daysServedReason: body.daysServedReason ?? null,
  strengthByDay: body.strengthByDay?.map((r) => ({
    fromDay: r.fromDay,
    toDay: r.toDay,
    strength: r.strength,
  })),
  equipment: body.equipment.map((e) => ({
    lineId: e.lineId,
    presentAndServiceable: e.presentAndServiceable,
    ...(e.arrivedOn ? { arrivedOn: e.arrivedOn } : {}),
    ...(e.presentUnserviceable !== undefined ? { presentUnserviceable: e.presentUnserviceable } : {}),
    ...(e.absent !== undefined ? { absent: e.absent } : {}),
    ...(e.lostThroughHostileAction ? { lostThroughHostileAction: { ...e.lostThroughHostileAction } } : {}),
    ...(e.notDeployedAtUnRequest ? { notDeployedAtUnRequest: { ...e.notDeployedAtUnRequest } } : {}),
  })),
  selfSustainment: body.selfSustainment.map((s) => ({
    category: s.category,
    providedToStandard: s.providedToStandard ?? s.provision === 'full',
    ...(s.provision !== undefined ? { provision: s.provision } : {}),
  })),
});
