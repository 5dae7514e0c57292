import {
  type Actor,
  assertSameContributor,
  contributorScope,
  CurrentActor,
  Roles,
  utcToday,
  ApiProblem,
} from '@coe/platform';
import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { monthEnds } from '../mou-backlog/month-ends';
import { ProjectionsError } from '../projections.errors';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { ReportChangesRequest } from '../reports.http.requests';
import { ReportChangesResponse } from '../reports.http.responses';
import { GetReportChanges, type ReportChanges, type ReportSubject } from './report-changes.query';

/** The report a request compares, asked as its own route asks it. */
const subjectOf = (query: ReportChangesRequest): ReportSubject => {
  const asOf = query.asOf ?? utcToday();
  switch (query.report) {
    case 'statement':
      return { report: 'statement', asOf, contributor: query.contributor! };
    case 'days-to-signature':
      return { report: 'days-to-signature', start: query.start ?? 'deployment' };
    case 'mou-backlog-series': {
      const { firstMonth, lastMonth } = query as Required<ReportChangesRequest>;
      const points = monthEnds(firstMonth, lastMonth, utcToday());
      return { report: 'mou-backlog-series', firstMonth, lastMonth, mission: query.mission ?? null, points };
    }
    default:
      return { report: query.report, asOf };
  }
};

@ApiTags('Audit')
@UseFilters(ProjectionsProblemFilter)
@Roles('auditor', 'contributor-representative')
@Controller('v1/reports')
export class ReportChangesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('changes')
  @ApiOperation({
    summary: 'What changed in a report between two instants',
    description:
      'A report (mou-backlog, mou-backlog-series, days-to-signature, payables, cash-pool, or a ' +
      "contributor's statement), asked as its own route asks it, as known at `from` and at `to`: the " +
      'figures that differ, and the events recorded in between that changed what it counts. A contributor ' +
      'representative may compare only their own statement.',
  })
  @ApiOkResponse({
    type: ReportChangesResponse,
    description: 'With what the report is asked for besides the instants (asOf, from, firstMonth…)',
  })
  @ApiProblem(400, ['VALIDATION_FAILED', 'INVALID_INSTANT_RANGE', 'INVALID_MONTH_RANGE'], 'from after to')
  @ApiProblem(
    403,
    ['FORBIDDEN', 'CONTRIBUTOR_SCOPE'],
    'a representative asking for another report than their own statement',
  )
  changes(@Query() query: ReportChangesRequest, @CurrentActor() actor: Actor): Promise<ReportChanges> {
    // a representative sees only their own statement, as on the statement's route
    if (contributorScope(actor) !== undefined)
      assertSameContributor(actor, query.report === 'statement' ? query.contributor : undefined);
    const from = new Date(query.from).toISOString();
    const to = (query.to ? new Date(query.to) : new Date()).toISOString();
    if (from > to)
      throw new ProjectionsError('INVALID_INSTANT_RANGE', `from (${from}) is after to (${to}).`, {
        from,
        to,
      });
    return this.queries.execute(new GetReportChanges(subjectOf(query), from, to));
  }
}
