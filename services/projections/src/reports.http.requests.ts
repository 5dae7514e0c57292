import {
  type ExportFormat,
  IsBusinessDate,
  IsExportFormat,
  IsIso3,
  IsMissionCode,
  IsPeriod,
} from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, IsIn, IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf } from 'class-validator';

// RFC 3339 date-time: a date, a time and an offset; a bare date is not an instant (not read as midnight)
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Why `value` is not an instant a report can be known at, or null when it is. */
export const instantProblem = (value: unknown, now: Date): string | null => {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!m) return 'must be an RFC 3339 instant with a time and an offset, e.g. 2019-11-05T09:00:00Z';
  const [, y, mo, d, h, mi, sec] = m.map(Number) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  if (day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d! || h! > 23 || mi! > 59 || sec! > 59)
    return 'is not a real date and time';
  if (Date.parse(value as string) > now.getTime()) return 'is in the future: nothing is known there yet';
  return null;
};

const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => instantProblem(value, new Date()) === null,
      defaultMessage: buildMessage(
        (each, args) => `${each}$property ${instantProblem(args?.value, new Date()) ?? 'is invalid'}`,
      ),
    },
  });

export class KnownAtRequest {
  @ApiPropertyOptional({
    description:
      'RFC 3339 instant: the report as the system knew it then, from the events recorded up to it ' +
      '(default: now). A bare date is refused.',
    example: '2019-11-05T09:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

/** The instant a report is asked as known at, normalized (RFC 3339, UTC, milliseconds); default now. */
export const knownAtOf = (request: KnownAtRequest): string =>
  (request.knownAt ? new Date(request.knownAt) : new Date()).toISOString();

export class AsOfRequest extends KnownAtRequest {
  @ApiPropertyOptional({
    description: 'Business date the report is as of (default: today, UTC)',
    example: '2019-10-31',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class DaysToSignatureRequest extends KnownAtRequest {
  @ApiPropertyOptional({
    description: "Start of the count: the unit's deployment (default) or the day negotiation opened",
    enum: ['deployment', 'negotiation'],
  })
  @IsOptional()
  @IsIn(['deployment', 'negotiation'])
  from?: 'deployment' | 'negotiation';
}

export class BacklogSeriesRequest extends KnownAtRequest {
  @ApiProperty({ description: 'First month, YYYY-MM', example: '2017-01' })
  @IsPeriod()
  from!: string;

  @ApiProperty({ description: 'Last month, YYYY-MM (at most the current month)', example: '2019-12' })
  @IsPeriod()
  to!: string;

  @ApiPropertyOptional({ description: 'Only this mission', example: 'MINUSMA' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;
}

// a statement page's cursor: `<date>.<id>`, what nextSettledCursor and nextPaymentCursor hold, its date a real one
const STATEMENT_CURSOR = /^(\d{4})-(\d{2})-(\d{2})\.[0-9A-Za-z-]{1,64}$/;
const IsStatementCursor = (next: string): PropertyDecorator =>
  ValidateBy({
    name: 'isStatementCursor',
    validator: {
      validate: (value) => {
        const m = typeof value === 'string' ? STATEMENT_CURSOR.exec(value) : null;
        if (!m) return false;
        const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
        return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
      },
      defaultMessage: buildMessage((each) => `${each}$property must be a ${next} a statement returned`),
    },
  });

/** A statement: the open claims in full, the settled claims and the payments a page at a time. */
export class StatementRequest extends AsOfRequest {
  @ApiPropertyOptional({
    description: 'Settled claims and payments a page (default 50)',
    default: 50,
    minimum: 1,
    maximum: 500,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({
    description: 'The next page of settled claims: `nextSettledCursor` of the previous answer',
    example: '2019-03-15.9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
  })
  @IsOptional()
  @IsStatementCursor('nextSettledCursor')
  settledCursor?: string;

  @ApiPropertyOptional({
    description: 'The next page of payments: `nextPaymentCursor` of the previous answer',
    example: '2019-03-15.0d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a',
  })
  @IsOptional()
  @IsStatementCursor('nextPaymentCursor')
  paymentCursor?: string;
}

export class ContributorParams {
  @ApiProperty({ description: 'ISO 3166-1 alpha-3 code of the contributor', example: 'IND' })
  @IsIso3()
  iso3!: string;
}

export class AsOfExportRequest extends AsOfRequest {
  @IsExportFormat() format?: ExportFormat;
}

export class DaysToSignatureExportRequest extends DaysToSignatureRequest {
  @IsExportFormat() format?: ExportFormat;
}

const CHANGED_REPORTS = [
  'mou-backlog',
  'mou-backlog-series',
  'days-to-signature',
  'payables',
  'cash-pool',
  'statement',
] as const;

export class ReportChangesRequest {
  @ApiProperty({ description: 'The report to compare', enum: CHANGED_REPORTS })
  @IsIn(CHANGED_REPORTS)
  report!: (typeof CHANGED_REPORTS)[number];

  @ApiPropertyOptional({
    description:
      'Business date the report is as of (default: today, UTC); mou-backlog, payables, cash-pool, statement',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiProperty({
    description: 'RFC 3339 instant: the report as known then…',
    example: '2026-03-01T12:00:00Z',
  })
  @IsInstant()
  from!: string;

  @ApiPropertyOptional({ description: '…against the report as known at this instant (default: now)' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    description: "statement (required): the contributor's ISO 3166-1 alpha-3 code",
    example: 'IND',
  })
  @ValidateIf((r: ReportChangesRequest) => r.report === 'statement' || r.contributor !== undefined)
  @IsIso3()
  contributor?: string;

  @ApiPropertyOptional({
    description: "days-to-signature: the count's start, as its `from` (default deployment)",
    enum: ['deployment', 'negotiation'],
  })
  @IsOptional()
  @IsIn(['deployment', 'negotiation'])
  start?: 'deployment' | 'negotiation';

  @ApiPropertyOptional({
    description: 'mou-backlog-series (required): first month, as its `from`',
    example: '2019-01',
  })
  @ValidateIf((r: ReportChangesRequest) => r.report === 'mou-backlog-series' || r.firstMonth !== undefined)
  @IsPeriod()
  firstMonth?: string;

  @ApiPropertyOptional({
    description: 'mou-backlog-series (required): last month, as its `to`',
    example: '2019-12',
  })
  @ValidateIf((r: ReportChangesRequest) => r.report === 'mou-backlog-series' || r.lastMonth !== undefined)
  @IsPeriod()
  lastMonth?: string;

  @ApiPropertyOptional({ description: 'mou-backlog-series: only this mission', example: 'MINUSMA' })
  @IsOptional()
  @IsMissionCode()
  mission?: string;
}
