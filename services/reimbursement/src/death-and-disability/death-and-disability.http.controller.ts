import { type Actor, CurrentActor, Write, type WriteContext, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetPayableRecordQuery, ListPayableRecordsQuery } from '../payable-records/payable-record.queries';
import { answerPayableRecord } from '../payable-records/payable-record.http';
import type { PayableRecordView } from '../payable-records/payable-record.read-model';
import type { PayableRecordWritten } from '../payable-records/payable-record.write';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import {
  DeathAndDisabilityCasePageResponse,
  DeathAndDisabilityCaseResponse,
} from '../payable-records/payable-record.http.responses';
import { money } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import type { Page } from '../shared/pagination';
import { uuidPipe } from '../shared/params';
import {
  CertifyDeathAndDisabilityCaseCommand,
  RecordDeathAndDisabilityCaseCommand,
} from './death-and-disability.handlers';
import {
  CertifyDeathAndDisabilityCaseRequest,
  DeathAndDisabilityCasesQuery,
  RecordDeathAndDisabilityCaseRequest,
} from './death-and-disability.http.requests';

const CASE_ID = uuidPipe('caseId');

@ApiTags('Death and disability')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/death-and-disability-cases')
export class DeathAndDisabilityHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private answer(written: PayableRecordWritten, res: Response): Promise<PayableRecordView> {
    return answerPayableRecord(this.queries, 'death-and-disability', written, res);
  }

  @Post()
  @WriteOperation(
    'Record a death-and-disability case',
    'One case per person. A death is paid the standard amount in force on the incident date (rate table `death-and-disability`); a disability its degree (%) of it, rounded once to the cent.',
    {
      conflict: ['DD_CASE_EXISTS'],
      unprocessable: ['DD_DEGREE_MISMATCH', 'RATE_NOT_IN_FORCE', 'DATED_OUT_OF_ORDER'],
    },
  )
  @ApiCreated(DeathAndDisabilityCaseResponse, '/v1/death-and-disability-cases/{caseId}', 'Recorded')
  async record(
    @Body() body: RecordDeathAndDisabilityCaseRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = {
      ...body,
      mouId: body.mouId ?? null,
      unit: body.unit ?? null,
      degreePct: body.degreePct === undefined ? null : money(body.degreePct).toFixed(2),
    };
    return this.answer(
      await this.commands.execute(new RecordDeathAndDisabilityCaseCommand(data, write)),
      res,
    );
  }

  @Post(':caseId/certification')
  @HttpCode(200)
  @WriteOperation(
    'Certify a death-and-disability case',
    'Four eyes: not by the officer who recorded it. The case becomes a certified claim of category `death_and_disability` (reference `DD/<mission>/<contributor>/<personRef>`), paid like any claim.',
    {
      notFound: ['DD_CASE_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['DD_CASE_ALREADY_CERTIFIED', 'CLAIM_EXISTS'],
      unprocessable: ['DATED_BEFORE_PREPARATION'],
    },
  )
  @ApiOkResponse({ type: DeathAndDisabilityCaseResponse, description: 'Changed: certified' })
  async certify(
    @Param('caseId', CASE_ID) caseId: string,
    @Body() body: CertifyDeathAndDisabilityCaseRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new CertifyDeathAndDisabilityCaseCommand(caseId, body.certifiedOn, write);
    return this.answer(await this.commands.execute(command), res);
  }

  @Get()
  @ReadOperation(
    'Death-and-disability cases',
    'By mission, contributor and status; paged, by incident date then reference.',
    { scoped: true },
  )
  @ApiOkResponse({ type: DeathAndDisabilityCasePageResponse })
  list(
    @Query() query: DeathAndDisabilityCasesQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<PayableRecordView>> {
    return this.queries.execute(new ListPayableRecordsQuery('death-and-disability', query, actor));
  }

  @Get(':caseId')
  @ReadOperation(
    'A death-and-disability case',
    'Its amount, the rate-table version it used, its certification.',
    {
      scoped: true,
      notFound: 'DD_CASE_NOT_FOUND',
    },
  )
  @ApiOkResponse({ type: DeathAndDisabilityCaseResponse })
  get(@Param('caseId', CASE_ID) caseId: string, @CurrentActor() actor: Actor): Promise<PayableRecordView> {
    return this.queries.execute(new GetPayableRecordQuery('death-and-disability', caseId, actor));
  }
}
