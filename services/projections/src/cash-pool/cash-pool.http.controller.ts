import { ApiProblem, Roles, utcToday } from '@coe/platform';
import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { answerKnownAt, type KnownAtAnswer } from '../known-at.http';
import type { KnownAt } from '@coe/projection-engine';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { AsOfRequest, knownAtOf } from '../reports.http.requests';
import { GetCashPool } from './cash-pool.query';
import type { CashPoolReport } from './cash-pool.report';
import {
  CashPoolReportResponse,
  PaymentRunsReportResponse,
  cashPoolAnswer,
  paymentRunsAnswer,
} from './cash-pool.http.responses';
import { GetPaymentRuns } from './payment-runs.query';

@ApiTags('Reports')
@UseFilters(ProjectionsProblemFilter)
@Roles('finance-officer', 'auditor')
@Controller('v1/reports')
export class CashPoolHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cash-pool')
  @ApiOperation({
    summary: 'The peacekeeping cash pool as of a date',
    description:
      "Each mission fund's cash and open inter-mission loans, the pool's total, the operating reserve " +
      '(from the latest payment run, or PROJECTIONS_CASH_RESERVE_USD before any; `reserve.source` says ' +
      'which) and what the next quarterly run could pay.',
  })
  @ApiOkResponse({
    type: CashPoolReportResponse,
    description:
      'Each fund (with its status), the pool (missions not closed), closed missions with a deficit, the ' +
      'reserve, what is owed once credits are offset, and the next run.',
  })
  @ApiProblem(400, ['VALIDATION_FAILED'], 'asOf is not a date, or after today')
  async cashPool(@Query() query: AsOfRequest, @Res({ passthrough: true }) res: Response) {
    const report: KnownAtAnswer<CashPoolReport & KnownAt> = await answerKnownAt(
      query,
      res,
      this.queries.execute(new GetCashPool(query.asOf ?? utcToday(), knownAtOf(query))),
    );
    return cashPoolAnswer(report);
  }

  @Get('payment-runs')
  @ApiOperation({
    summary: 'Quarterly payment runs',
    description:
      'Each run with its cash, reserve, what it paid and what it could have paid without the pool.',
  })
  @ApiOkResponse({ type: PaymentRunsReportResponse })
  async paymentRuns() {
    return paymentRunsAnswer(await this.queries.execute(new GetPaymentRuns()));
  }
}
