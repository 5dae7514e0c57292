import { Clock } from '@coe/event-store';
import { ApiChanged, ApiCreated, setVersion, utcToday } from '@coe/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import {
  AssessmentReceivedResponse,
  FundPositionResponse,
  LoanResponse,
  MissionStatusResponse,
  PaymentRunResponse,
  PaymentRunSummaryResponse,
} from './cash-pool.http.responses';
import { money, usd } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { IsMissionCodePipe, uuidPipe } from '../shared/params';
import { Write, type WriteContext } from '@coe/platform';
import {
  ApprovePaymentRunRequest,
  FundsQuery,
  LoansQuery as LoansRequest,
  PaymentRunsQuery as PaymentRunsRequest,
  ProposePaymentRunRequest,
  ReceiveAssessmentRequest,
  RecordMissionStatusRequest,
} from './cash-pool.http.requests';
import { FundPositionsQuery, LoansQuery, PaymentRunQuery, PaymentRunsQuery } from './cash-pool.queries';
import type { FundPosition, LoanView } from './cash-pool.read-model';
import { ReceiveAssessmentCommand } from './fund.handlers';
import { MissionStatusQuery, RecordMissionStatusCommand } from './mission-status.handlers';
import { ApprovePaymentRunCommand, ProposePaymentRunCommand } from './payment-run.handlers';
import type { PaymentRunView } from './payment-run.read-model';

@ApiTags('Cash pool and payment runs')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1')
export class CashPoolHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Post('funds/:mission/assessments')
  @WriteOperation(
    'Receive assessment cash',
    'Cash into the mission’s fund (AssessmentReceived). It first repays, oldest first, what the mission borrowed from the pool (InterMissionLoanRepaid).',
  )
  @ApiChanged(AssessmentReceivedResponse, 'Changed: the fund received it, and repaid its loans first')
  async receive(
    @Param('mission', IsMissionCodePipe) mission: string,
    @Body() body: ReceiveAssessmentRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { mission, amountUsd: usd(money(body.amountUsd)), receivedOn: body.receivedOn };
    const { streamVersion, ...recorded } = await this.commands.execute(
      new ReceiveAssessmentCommand(data, write),
    );
    setVersion(res, streamVersion);
    return recorded;
  }

  @Get('funds')
  @ReadOperation(
    'Mission funds',
    'Each fund’s receipts, payments, outstanding loans and cash at the end of `asOf` (default today).',
  )
  @ApiOkResponse({ type: [FundPositionResponse] })
  funds(@Query() query: FundsQuery): Promise<FundPosition[]> {
    return this.queries.execute(new FundPositionsQuery(query.asOf ?? utcToday(this.clock.now())));
  }

  @Post('missions/:mission/status')
  @WriteOperation(
    'Record a mission’s status',
    'active, closing or closed from a date (MissionStatusRecorded on `mission-status-<MISSION>`). Only active missions lend and borrow in the cash pool (resolution 73/307); a closing one as the cash-pool settings say (`closingMissionsPool`); a closed one pays from its own fund. 201 when recorded, 200 when the mission already has that status.',
    { conflict: ['MISSION_CLOSED'], unprocessable: ['MISSION_STATUS_OUT_OF_ORDER'] },
  )
  @ApiCreated(MissionStatusResponse, '/v1/missions/{mission}/status', 'Recorded')
  @ApiOkResponse({ type: MissionStatusResponse, description: 'The mission already had that status' })
  async recordStatus(
    @Param('mission', IsMissionCodePipe) mission: string,
    @Body() body: RecordMissionStatusRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { recorded, streamVersion } = await this.commands.execute(
      new RecordMissionStatusCommand({ mission, ...body }, write),
    );
    setVersion(res, streamVersion);
    res.status(recorded ? 201 : 200);
    if (recorded) res.location(`/v1/missions/${mission}/status`);
    const { streamVersion: _v, ...view } = await this.queries.execute(
      new MissionStatusQuery(mission, body.effectiveFrom),
    );
    return view;
  }

  @Get('missions/:mission/status')
  @ReadOperation(
    'A mission’s status',
    'Its status on `asOf` (default today; a mission never recorded is active) and every recorded change.',
  )
  @ApiOkResponse({ type: MissionStatusResponse })
  async status(
    @Param('mission', IsMissionCodePipe) mission: string,
    @Query() query: FundsQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { streamVersion, ...view } = await this.queries.execute(
      new MissionStatusQuery(mission, query.asOf ?? utcToday(this.clock.now())),
    );
    setVersion(res, streamVersion);
    return view;
  }

  @Get('loans')
  @ReadOperation('Inter-mission loans', 'Who lent how much to whom in which payment run, and what is repaid.')
  @ApiOkResponse({ type: [LoanResponse] })
  loans(@Query() query: LoansRequest): Promise<LoanView[]> {
    return this.queries.execute(new LoansQuery(query));
  }

  @Post('payment-runs')
  @WriteOperation(
    'Propose a quarterly payment run',
    'Plans, from the cash on the payment date less the operating reserve, the certified payables to pay oldest first; with the cash pool in force, short missions borrow from the others. Records the plan for a second officer to approve. `proposedOn` is the business date of the proposal (default today, UTC); `proposedAt` the instant it was recorded.',
    { unprocessable: ['PAYMENT_DATE_OUTSIDE_QUARTER', 'NOTHING_TO_PAY', 'RATE_NOT_IN_FORCE'] },
  )
  @ApiCreated(PaymentRunResponse, '/v1/payment-runs/{runId}', 'Proposed')
  async propose(
    @Body() body: ProposePaymentRunRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { runId, streamVersion } = await this.commands.execute(new ProposePaymentRunCommand(body, write));
    setVersion(res, streamVersion);
    res.location(`/v1/payment-runs/${runId}`);
    return this.queries.execute(new PaymentRunQuery(runId));
  }

  @Post('payment-runs/:runId/approval')
  @HttpCode(200)
  @WriteOperation(
    'Approve and execute a payment run',
    'A second finance officer approves the plan exactly as proposed; it is executed at once into loans, payments (PaymentMade with allocations) and PaymentRunExecuted. A plan the cash or payables no longer give is stale: propose again. `approvedOn` is the business date of the approval (default today, UTC; not before `proposedOn`); `approvedAt` the instant it was recorded.',
    {
      notFound: ['PAYMENT_RUN_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['PAYMENT_RUN_ALREADY_EXECUTED', 'PAYMENT_RUN_STALE', 'PAYMENT_RUN_OUT_OF_ORDER'],
      unprocessable: ['APPROVED_BEFORE_PROPOSED'],
    },
  )
  @ApiOkResponse({ type: PaymentRunResponse, description: 'Changed: approved and executed' })
  async approve(
    @Param('runId', uuidPipe('runId')) runId: string,
    @Body() body: ApprovePaymentRunRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { streamVersion } = await this.commands.execute(
      new ApprovePaymentRunCommand(runId, body.approvedOn, write),
    );
    setVersion(res, streamVersion);
    return this.queries.execute(new PaymentRunQuery(runId));
  }

  @Get('payment-runs')
  @ReadOperation('Payment runs', 'Proposed and executed runs, by payment date.')
  @ApiOkResponse({ type: [PaymentRunSummaryResponse] })
  runs(@Query() query: PaymentRunsRequest): Promise<Omit<PaymentRunView, 'plan'>[]> {
    return this.queries.execute(new PaymentRunsQuery(query.quarter));
  }

  @Get('payment-runs/:runId')
  @ReadOperation(
    'A payment run',
    'Its plan: cash, reserve, what it pays, what the missions’ own cash alone would have paid, the loans.',
    {
      notFound: 'PAYMENT_RUN_NOT_FOUND',
    },
  )
  @ApiOkResponse({ type: PaymentRunResponse })
  run(@Param('runId', uuidPipe('runId')) runId: string): Promise<PaymentRunView> {
    return this.queries.execute(new PaymentRunQuery(runId));
  }
}
