import { IsRfc3339Instant } from '@coe/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StreamStateQuery {
  @ApiPropertyOptional({
    description: 'Business date: only events whose business date is on or before it',
    example: '2019-10-31',
  })
  @IsOptional()
  @Matches(DATE, { message: 'asOf must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'RFC 3339 instant with a time and an offset: only events recorded on or before it (default now). A date alone is refused (400).',
    example: '2019-10-31T23:59:59Z',
  })
  @IsOptional()
  @IsRfc3339Instant()
  knownAt?: string;
}

export class EventLogQueryRequest {
  @ApiPropertyOptional({ description: 'Only this service (single-process mode serves all of them)' })
  @IsOptional()
  @IsIn(['force-generation', 'mou-negotiation', 'reimbursement'])
  service?: string;

  @ApiPropertyOptional({ description: 'Event types, comma-separated' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  type?: string;

  @ApiPropertyOptional({ description: "The acting user's sub" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  streamId?: string;

  @ApiPropertyOptional({
    description: 'Recorded on or after (RFC 3339 instant)',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsRfc3339Instant()
  recordedFrom?: string;

  @ApiPropertyOptional({
    description: 'Recorded on or before (RFC 3339 instant)',
    example: '2026-11-30T23:59:59Z',
  })
  @IsOptional()
  @IsRfc3339Instant()
  recordedTo?: string;

  @ApiPropertyOptional({ description: 'Business date on or after (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'Business date on or before (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  effectiveTo?: string;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (`next`)' })
  @IsOptional()
  @Matches(/^[a-z-]+:\d+\.\d+$/, { message: 'after must be a cursor returned as next' })
  after?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class EventLogExportQuery extends EventLogQueryRequest {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv', 'xlsx'], default: 'ndjson' })
  @IsOptional()
  @IsIn(['ndjson', 'csv', 'xlsx'])
  format?: 'ndjson' | 'csv' | 'xlsx';
}

export class StartVerificationRequest {
  @ApiPropertyOptional({ description: "Only this service's store (default: every store of this process)" })
  @IsOptional()
  @IsIn(['force-generation', 'mou-negotiation', 'reimbursement'])
  service?: string;

  @ApiPropertyOptional({ description: 'Only this stream' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  streamId?: string;
}
