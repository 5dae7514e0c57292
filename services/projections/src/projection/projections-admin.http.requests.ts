import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROJECTION_NAMES, type ProjectionName } from './projection.registry';

export class RebuildRequest {
  @ApiPropertyOptional({ description: 'One read model; all of them when absent', enum: PROJECTION_NAMES })
  @IsOptional()
  @IsIn(PROJECTION_NAMES)
  projection?: ProjectionName;
}

export class ListProjectionsRequest {
  @ApiPropertyOptional({
    description: 'Also compute the md5 checksum of every live version now (reads all their rows)',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  checksums?: 'true' | 'false';
}

export class ProjectionParams {
  @ApiProperty({ enum: PROJECTION_NAMES })
  @IsIn(PROJECTION_NAMES)
  projection!: ProjectionName;
}
