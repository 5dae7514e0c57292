import { Roles, utcToday } from '@coe/platform';
import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionsError } from '../projections.errors';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { ReportChangesRequest } from '../reports.http.requests';
import { GetReportChanges, type ReportChanges } from './report-changes.query';

@ApiTags('audit')
@UseFilters(ProjectionsProblemFilter)
@Roles('auditor')
@Controller('v1/reports')
export class ReportChangesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('changes')
  @ApiOperation({
    summary: 'What changed in a report between two instants',
    description:
      'The report (mou-backlog or payables) as of a business date, as known at `from` and at `to`: the ' +
      'figures that differ, and the events recorded in between that changed what it counts.',
  })
  @ApiOkResponse({ description: '{ report, asOf, from, to, figures: [{ path, from, to }], events: [...] }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, or INVALID_INSTANT_RANGE (from after to)' })
  changes(@Query() query: ReportChangesRequest): Promise<ReportChanges> {
    const from = new Date(query.from).toISOString();
    const to = (query.to ? new Date(query.to) : new Date()).toISOString();
    if (from > to)
      throw new ProjectionsError('INVALID_INSTANT_RANGE', `from (${from}) is after to (${to}).`, {
        from,
        to,
      });
    return this.queries.execute(new GetReportChanges(query.report, query.asOf ?? utcToday(), from, to));
  }
}
