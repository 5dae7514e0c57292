import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { MajorEquipmentRequest } from './sur.http.requests';
import type { SurView } from './sur.read-model';

export class SurVersionResponse {
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: '2019-01-10', description: 'Business date the version was issued or revised' })
  datedOn!: string;
  @ApiProperty({ example: 850 }) personnel!: number;
  @ApiProperty({ type: [MajorEquipmentRequest] }) majorEquipment!: MajorEquipmentRequest[];
  @ApiProperty({ type: [String], example: ['catering', 'communications'] }) selfSustainment!: string[];
}

export class SurVariationResponse {
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ description: 'The SUR version the variation applies to', example: 2 }) surVersion!: number;
  @ApiProperty({ example: '2019-04-01' }) agreedOn!: string;
  @ApiProperty({ example: 'Water purification capacity for the northern sector' }) reason!: string;
  @ApiProperty({ example: 850 }) personnel!: number;
  @ApiProperty({ type: [MajorEquipmentRequest] }) majorEquipment!: MajorEquipmentRequest[];
  @ApiProperty({ type: [String], example: ['catering', 'communications'] }) selfSustainment!: string[];
}

export class SurResponse implements SurView {
  @ApiProperty({ format: 'uuid', example: '3f1e9c2a-8b7d-4c6e-9a5f-1d2e3c4b5a69' }) surId!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ enum: UNIT_TYPES }) unitType!: UnitType;
  @ApiProperty({ example: 2 }) currentVersion!: number;
  @ApiProperty({ type: [SurVersionResponse] }) versions!: SurVersionResponse[];
  @ApiProperty({
    type: [SurVariationResponse],
    description: 'Latest variation per contributor (a contributor representative sees only their own)',
  })
  variations!: SurVariationResponse[];
}

export class SurPageResponse {
  @ApiProperty({ type: [SurResponse] }) items!: SurResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
