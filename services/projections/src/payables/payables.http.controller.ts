import {
  type Actor,
  assertSameContributor,
  CurrentActor,
  Roles,
  sendTables,
  utcToday,
  ApiProblem,
  ApiExport,
} from '@coe/platform';
import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answerKnownAt, type KnownAtAnswer } from '../known-at.http';
import type { KnownAt } from '@coe/projection-engine';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import {
  CSV_EXAMPLES,
  ContributorStatementResponse,
  PayablesReportResponse,
} from '../reports.http.responses';
import { payablesTables, statementTables } from '../reports.export';
import {
  AsOfExportRequest,
  AsOfRequest,
  ContributorParams,
  knownAtOf,
  StatementRequest,
} from '../reports.http.requests';
import {
  type ContributorStatement,
  fullStatement,
  GetContributorStatement,
  STATEMENT_PAGE_SIZE,
} from './contributor-statement.query';
import { payablesAnswer, statementAnswer } from './payables.usd-names';
import { GetPayables } from './payables.query';
import type { PayablesReport } from './payables.report';

@ApiTags('Reports')
@UseFilters(ProjectionsProblemFilter)
@Roles('finance-officer', 'auditor', 'contributor-representative')
@Controller('v1/reports')
export class PayablesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('payables')
  @ApiOperation({
    summary: 'Amounts owed to contributors as of a date',
    description:
      'Certified, paid and outstanding (certified − paid) per contributor (CONTRACT.md 5.3), with credits ' +
      'not yet offset and what is owed once they are (owed = outstanding + credits; the payment run pays ' +
      'by the same rule), aged by claim. A contributor representative gets only their own row, and totals of it.',
  })
  @ApiOkResponse({ type: PayablesReportResponse })
  @ApiProblem(400, ['VALIDATION_FAILED'], 'asOf is not a date, or after today')
  payables(
    @Query() query: AsOfRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KnownAtAnswer<ReturnType<typeof payablesAnswer<PayablesReport & KnownAt>>>> {
    return answerKnownAt(
      query,
      res,
      this.queries
        .execute<GetPayables, PayablesReport & KnownAt>(
          new GetPayables(query.asOf ?? utcToday(), actor.contributor ?? null, knownAtOf(query)),
        )
        .then(payablesAnswer),
    );
  }

  @Get('payables/export')
  @ApiOperation({
    summary: 'Amounts owed to contributors as CSV or an Excel workbook',
    description:
      'The payables report as a file: CSV of the contributors rows, or xlsx with the rows and the totals. ' +
      'Amounts are the exact decimal text; a cell a spreadsheet would run as a formula is neutralised.',
  })
  @ApiExport(CSV_EXAMPLES.payables)
  async exportPayables(
    @Query() query: AsOfExportRequest,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    // the file holds the report as known at `knownAt` when one is asked, like the JSON answer
    const report: PayablesReport = await this.queries.execute(
      new GetPayables(query.asOf ?? utcToday(), actor.contributor ?? null, knownAtOf(query)),
    );
    await sendTables(res, `payables-${report.asOf}`, query.format ?? 'csv', payablesTables(report));
  }

  @Get('contributors/:iso3/statement')
  @ApiOperation({
    summary: "A contributor's statement as of a date",
    description:
      'Certified, paid, outstanding, credits and owed with aging: in total (equal to its payables report ' +
      'row), by mission and by category; its claims (oldest first, with what is owed on each once credits ' +
      'are offset) and payments with what they settled.',
  })
  @ApiOkResponse({ type: ContributorStatementResponse })
  @ApiProblem(
    400,
    ['VALIDATION_FAILED'],
    'asOf is not a date, a cursor not one a statement returned, or pageSize out of 1–500',
  )
  @ApiProblem(403, ['FORBIDDEN', 'CONTRIBUTOR_SCOPE'], 'a representative asking for another contributor’s')
  statement(
    @Param() params: ContributorParams,
    @Query() query: StatementRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KnownAtAnswer<ReturnType<typeof statementAnswer<ContributorStatement>>>> {
    assertSameContributor(actor, params.iso3);
    return answerKnownAt(
      query,
      res,
      this.queries
        .execute<GetContributorStatement, ContributorStatement>(
          new GetContributorStatement(params.iso3, query.asOf ?? utcToday(), knownAtOf(query), {
            size: query.pageSize ?? STATEMENT_PAGE_SIZE,
            ...(query.settledCursor === undefined ? {} : { settledCursor: query.settledCursor }),
            ...(query.paymentCursor === undefined ? {} : { paymentCursor: query.paymentCursor }),
          }),
        )
        .then(statementAnswer),
    );
  }

  @Get('contributors/:iso3/statement/export')
  @ApiOperation({
    summary: "A contributor's statement as CSV or an Excel workbook",
    description:
      'CSV of the claims; xlsx with claims, payments (with what each settled) and totals, a sheet each.',
  })
  @ApiExport(CSV_EXAMPLES.statement)
  @ApiProblem(403, ['FORBIDDEN', 'CONTRIBUTOR_SCOPE'], 'a representative asking for another contributor’s')
  async exportStatement(
    @Param() params: ContributorParams,
    @Query() query: AsOfExportRequest,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    assertSameContributor(actor, params.iso3);
    // every claim and payment (the JSON answer pages the settled ones)
    const statement = fullStatement(
      await this.queries.execute(
        new GetContributorStatement(params.iso3, query.asOf ?? utcToday(), knownAtOf(query)),
      ),
    );
    const name = `statement-${statement.contributor}-${statement.asOf}`;
    await sendTables(res, name, query.format ?? 'csv', statementTables(statement));
  }
}
