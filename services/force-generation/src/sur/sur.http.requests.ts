import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { IsBusinessDate, IsIso3, IsMissionCode } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../shared/pagination';

export class MajorEquipmentRequest {
  @ApiProperty({
    example: 'armoured-personnel-carrier',
    description: 'A major-equipment code of GET /v1/reference/coe-codes.',
  })
  @IsString()
  @Length(1, 200)
  category!: string;
  @ApiProperty({
    example: 'apc-wheeled',
    description: 'An item code listed under the line’s category in `items` of GET /v1/reference/coe-codes, exactly (422 UNKNOWN_ITEM otherwise).'
  })
  @IsString()
  @Length(1, 200)
  item!: string;
  @ApiProperty({ example: 10, minimum: 1 }) @IsInt() @Min(1) @Max(100000) quantity!: number;
}

/** What a revision or a variation states in full: personnel, major equipment, self-sustainment. */
export class SurRequirementsRequest {
  @ApiProperty({ example: 850, minimum: 1, maximum: 20000 }) @IsInt() @Min(1) @Max(20000) personnel!: number;

  @ApiProperty({ type: [MajorEquipmentRequest] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MajorEquipmentRequest)
  majorEquipment!: MajorEquipmentRequest[];

  @ApiProperty({
    example: ['catering', 'communications', 'medical-level-1'],
    description:
      'Self-sustainment category codes of GET /v1/reference/coe-codes (422 UNKNOWN_CATEGORY otherwise).',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  selfSustainment!: string[];
}

export class IssueSurRequest extends SurRequirementsRequest {
  @ApiProperty({ example: 'MINUSMA' }) @IsMissionCode() mission!: string;
  @ApiProperty({ enum: UNIT_TYPES, example: 'INF' }) @IsIn(UNIT_TYPES) unitType!: UnitType;
  @ApiProperty({ example: '2019-01-10', description: 'Business date of version 1' })
  @IsBusinessDate()
  issuedOn!: string;
}

export class ReviseSurRequest extends SurRequirementsRequest {
  @ApiProperty({ example: '2019-03-01', description: 'Business date of the new version' })
  @IsBusinessDate()
  revisedOn!: string;
}

export class AgreeSurVariationRequest extends SurRequirementsRequest {
  @ApiProperty({ example: 'BGD' }) @IsIso3() contributor!: string;
  @ApiProperty({ example: '2019-04-01' }) @IsBusinessDate() agreedOn!: string;
  @ApiProperty({ example: 'Two APCs replaced by light tactical vehicles' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ListSursQueryRequest extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @IsOptional() @IsIn(UNIT_TYPES) unitType?: UnitType;
}
