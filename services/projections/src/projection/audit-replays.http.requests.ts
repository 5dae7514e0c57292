import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PROJECTION_NAMES, type ProjectionName } from './projection.registry';

export class StartReplayRequest {
  @ApiProperty({ description: 'The read model to replay and compare', enum: PROJECTION_NAMES })
  @IsIn(PROJECTION_NAMES)
  projection!: ProjectionName;
}
