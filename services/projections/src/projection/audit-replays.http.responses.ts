import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECTION_NAMES } from './projection.registry';

const REPLAY_ID = '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968';

export class ReplayStartedResponse {
  @ApiProperty({ example: REPLAY_ID }) replayId!: string;
  @ApiProperty({ enum: PROJECTION_NAMES }) projection!: string;
  @ApiProperty({ enum: ['running'] }) status!: 'running';
}

export class ReplaySummaryResponse {
  @ApiProperty({ example: REPLAY_ID }) replayId!: string;
  @ApiProperty({ enum: PROJECTION_NAMES }) projection!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ example: 'auditor-1' }) requestedBy!: string;
  @ApiProperty({ example: '2019-11-02T10:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ nullable: true, example: '2019-11-02T10:01:12.000Z' }) finishedAt!: string | null;
  @ApiProperty({ example: 7, description: 'The scratch copy’s version' }) scratchVersion!: number;
  @ApiProperty({ nullable: true, example: 3 }) liveVersion!: number | null;
  @ApiProperty({ nullable: true, example: true, description: 'Null until completed' }) identical!:
    | boolean
    | null;
  @ApiProperty({ nullable: true, example: 0 }) differencesTotal!: number | null;
  @ApiProperty({ nullable: true, example: null }) error!: string | null;
}

export class ReplaySummaryListResponse {
  @ApiProperty({ type: [ReplaySummaryResponse] }) items!: ReplaySummaryResponse[];
}

const ROWS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class ReplayResponse extends ReplaySummaryResponse {
  @ApiPropertyOptional({ example: true, description: 'Both versions had applied the same events' })
  samePosition?: boolean;
  @ApiPropertyOptional({
    ...ROWS,
    description: 'Rows compared per table: liveRows, replayRows, onlyInLive, onlyInReplay, different',
    example: [
      { table: 'payables', liveRows: 120, replayRows: 120, onlyInLive: 0, onlyInReplay: 0, different: 0 },
    ],
  })
  tables?: Record<string, unknown>[];
  @ApiPropertyOptional({
    ...ROWS,
    description: 'The first 100 differences, by table and primary key',
    example: [],
  })
  differences?: Record<string, unknown>[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'While running: how far the scratch copy still is from the end of the sources',
    example: null,
  })
  lag?: Record<string, unknown> | null;
}
