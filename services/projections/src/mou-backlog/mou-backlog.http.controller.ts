import { Roles, sendTables, utcToday, ApiProblem, ApiExport } from '@coe/platform';
import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answerKnownAt, type KnownAtAnswer } from '../known-at.http';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import {
  CSV_EXAMPLES,
  DaysToSignatureResponse,
  MouBacklogResponse,
  MouBacklogSeriesResponse,
} from '../reports.http.responses';
import { backlogTables, daysToSignatureTables } from '../reports.export';
import {
  AsOfExportRequest,
  AsOfRequest,
  BacklogSeriesRequest,
  DaysToSignatureExportRequest,
  DaysToSignatureRequest,
  knownAtOf,
} from '../reports.http.requests';
import { type DaysToSignature, GetDaysToSignature } from './days-to-signature.query';
import { monthEnds } from './month-ends';
import { GetMouBacklogSeries, type MouBacklogSeries } from './mou-backlog-series.query';
import { GetMouBacklog, type MouBacklog } from './mou-backlog.query';

@ApiTags('Reports')
@UseFilters(ProjectionsProblemFilter)
@Roles('mou-clerk', 'finance-officer', 'auditor')
@Controller('v1/reports')
export class MouBacklogHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('mou-backlog')
  @ApiOperation({
    summary: 'MOU backlog as of a date',
    description:
      'Deployed units, those whose MOU is not fully signed, and MOUs pending signature before deployment, ' +
      'per mission (CONTRACT.md 5.1).',
  })
  @ApiOkResponse({ type: MouBacklogResponse })
  @ApiProblem(400, ['VALIDATION_FAILED'], 'asOf is not a date, or after today')
  backlog(
    @Query() query: AsOfRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KnownAtAnswer<MouBacklog>> {
    return answerKnownAt(
      query,
      res,
      this.queries.execute(new GetMouBacklog(query.asOf ?? utcToday(), knownAtOf(query))),
    );
  }

  @Get('mou-backlog/export')
  @ApiOperation({
    summary: 'MOU backlog as CSV or an Excel workbook',
    description: 'CSV of the byMission rows; xlsx with those rows and the totals, a sheet each.',
  })
  @ApiExport(CSV_EXAMPLES.backlog)
  async exportBacklog(@Query() query: AsOfExportRequest, @Res() res: Response): Promise<void> {
    const report: MouBacklog = await this.queries.execute(
      new GetMouBacklog(query.asOf ?? utcToday(), knownAtOf(query)),
    );
    await sendTables(res, `mou-backlog-${report.asOf}`, query.format ?? 'csv', backlogTables(report));
  }

  @Get('mou-backlog/series')
  @ApiOperation({
    summary: 'MOU backlog at each month end',
    description: 'One point per month from `from` to `to` (the current month stops at today), for a chart.',
  })
  @ApiOkResponse({ type: MouBacklogSeriesResponse })
  @ApiProblem(400, ['VALIDATION_FAILED', 'INVALID_MONTH_RANGE'])
  series(
    @Query() query: BacklogSeriesRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KnownAtAnswer<MouBacklogSeries>> {
    const points = monthEnds(query.from, query.to, utcToday());
    return answerKnownAt(
      query,
      res,
      this.queries.execute(
        new GetMouBacklogSeries(query.from, query.to, points, query.mission ?? null, knownAtOf(query)),
      ),
    );
  }

  @Get('days-to-signature')
  @ApiOperation({
    summary: 'Days to full signature, per year of signature',
    description:
      'Average (2 decimals), median and maximum days from deployment or negotiation (CONTRACT.md 5.2).',
  })
  @ApiOkResponse({ type: DaysToSignatureResponse })
  @ApiProblem(400, ['VALIDATION_FAILED'], 'from is neither deployment nor negotiation')
  daysToSignature(
    @Query() query: DaysToSignatureRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KnownAtAnswer<DaysToSignature>> {
    return answerKnownAt(
      query,
      res,
      this.queries.execute(new GetDaysToSignature(query.from ?? 'deployment', knownAtOf(query))),
    );
  }

  @Get('days-to-signature/export')
  @ApiOperation({
    summary: 'Days to full signature as CSV or an Excel workbook',
    description: 'One row per year of signature, as the JSON report.',
  })
  @ApiExport(CSV_EXAMPLES.daysToSignature)
  async exportDaysToSignature(
    @Query() query: DaysToSignatureExportRequest,
    @Res() res: Response,
  ): Promise<void> {
    const report: DaysToSignature = await this.queries.execute(
      new GetDaysToSignature(query.from ?? 'deployment', knownAtOf(query)),
    );
    await sendTables(
      res,
      `days-to-signature-${report.from}`,
      query.format ?? 'csv',
      daysToSignatureTables(report),
    );
  }
}
