import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { MajorEquipmentRequest } from './sur.http.requests';
import type { SurView } from './sur.read-model';

export class SurVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ example: '2019-01-10', description: 'Business date the version was issued or revised' })
  datedOn!: string;
  @ApiProperty() personnel!: number;
  @ApiProperty({ type: [MajorEquipmentRequest] }) majorEquipment!: MajorEquipmentRequest[];
  @ApiProperty({ type: [String] }) selfSustainment!: string[];
}

export class SurVariationResponse {
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ description: 'The SUR version the variation applies to' }) surVersion!: number;
  @ApiProperty({ example: '2019-04-01' }) agreedOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() personnel!: number;
  @ApiProperty({ type: [MajorEquipmentRequest] }) majorEquipment!: MajorEquipmentRequest[];
  @ApiProperty({ type: [String] }) selfSustainment!: string[];
}

export class SurResponse implements SurView {
  @ApiProperty({ format: 'uuid' }) surId!: string;
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
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
