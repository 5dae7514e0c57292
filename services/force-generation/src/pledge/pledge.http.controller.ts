import { type Actor, CurrentActor, Roles, setVersion, ApiChanged, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ForceGenerationProblemFilter } from '../force-generation.http.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { type Page, pageRequest } from '../shared/pagination';
import { Write, type WriteContext, newAggregateId } from '@coe/platform';
import {
  ElevatePledgeCommand,
  type PledgeWritten,
  RecordAssessmentVisitCommand,
  RecordRdlVerificationVisitCommand,
  RegisterPledgeCommand,
  WithdrawPledgeCommand,
} from './pledge.handlers';
import {
  ElevatePledgeRequest,
  ListPledgesQueryRequest,
  RecordVisitRequest,
  RegisterPledgeRequest,
  WithdrawPledgeRequest,
} from './pledge.http.requests';
import { PledgePageResponse, PledgeResponse } from './pledge.http.responses';
import { GetPledgeQuery, ListPledgesQuery } from './pledge.queries';
import type { PledgeView } from './pledge.read-model';

const FROZEN = ['PLEDGE_WITHDRAWN', 'PLEDGE_ALREADY_SELECTED'];

@ApiTags('Pledges')
@UseFilters(ForceGenerationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/pledges')
export class PledgeHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async written(command: Promise<PledgeWritten>, res: Response): Promise<PledgeView> {
    const { pledge, version } = await command;
    setVersion(res, version);
    return pledge;
  }

  @Post()
  @WriteOperation(
    'Register a pledge (L1)',
    'A note verbale pledging a unit to the PCRS. A pledge of the same contributor, unit name and note verbale ' +
      'date as one already recorded is refused (409 PLEDGE_LIKELY_DUPLICATE, naming it in duplicateOf) unless ' +
      'the body says confirmDuplicate: true. A retry with the same Idempotency-Key returns the first answer.',
    { conflict: ['PLEDGE_LIKELY_DUPLICATE'] },
  )
  @ApiCreated(PledgeResponse, '/v1/pledges/{pledgeId}', 'The pledge at L1; ETag is its stream version')
  async register(
    @Body() body: RegisterPledgeRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const pledgeId = newAggregateId(write);
    const { confirmDuplicate, ...data } = body;
    const command = new RegisterPledgeCommand({ pledgeId, ...data }, confirmDuplicate === true, write);
    const pledge = await this.written(this.commands.execute(command), res);
    res.setHeader('Location', `/v1/pledges/${pledgeId}`);
    return pledge;
  }

  @Post(':pledgeId/aav')
  @WriteOperation(
    'Record an Assessment and Advisory Visit',
    'The AAV and its outcome; a successful one opens L2.',
    {
      notFound: ['PLEDGE_NOT_FOUND'],
      conflict: FROZEN,
      unprocessable: ['PLEDGE_DATE_OUT_OF_ORDER'],
    },
  )
  @ApiChanged(PledgeResponse, 'The pledge as changed; ETag is its stream version')
  recordAav(
    @Param('pledgeId') pledgeId: string,
    @Body() body: RecordVisitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const data = { pledgeId, ...body, findings: body.findings ?? null };
    const command = new RecordAssessmentVisitCommand(data, write);
    return this.written(this.commands.execute(command), res);
  }

  @Post(':pledgeId/rdl-verification-visit')
  @WriteOperation(
    'Record an RDL verification visit',
    'The visit and its outcome; a successful one opens RDL from L3.',
    {
      notFound: ['PLEDGE_NOT_FOUND'],
      conflict: FROZEN,
      unprocessable: ['PLEDGE_DATE_OUT_OF_ORDER'],
    },
  )
  @ApiChanged(PledgeResponse, 'The pledge as changed; ETag is its stream version')
  recordRdlVisit(
    @Param('pledgeId') pledgeId: string,
    @Body() body: RecordVisitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const data = { pledgeId, ...body, findings: body.findings ?? null };
    const command = new RecordRdlVerificationVisitCommand(data, write);
    return this.written(this.commands.execute(command), res);
  }

  @Post(':pledgeId/level')
  @WriteOperation(
    'Raise the PCRS level',
    'L2 after a successful AAV; L3 aligned with a SUR of the same unit type (surId and surVersion); RDL from L3 after a successful RDL verification visit.',
    {
      notFound: ['PLEDGE_NOT_FOUND'],
      conflict: [...FROZEN, 'PLEDGE_LEVEL_OUT_OF_SEQUENCE'],
      unprocessable: [
        'PLEDGE_AAV_REQUIRED',
        'PLEDGE_RDL_VISIT_REQUIRED',
        'PLEDGE_SUR_REQUIRED',
        'PLEDGE_SUR_NOT_APPLICABLE',
        'PLEDGE_SUR_NOT_FOUND',
        'PLEDGE_SUR_UNIT_TYPE_MISMATCH',
        'PLEDGE_DATE_OUT_OF_ORDER',
      ],
    },
  )
  @ApiChanged(PledgeResponse, 'The pledge as changed; ETag is its stream version')
  elevate(
    @Param('pledgeId') pledgeId: string,
    @Body() body: ElevatePledgeRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const { level, elevatedOn, surId, surVersion } = body;
    const sur = surId !== undefined && surVersion !== undefined ? { surId, surVersion } : null;
    const command = new ElevatePledgeCommand({ pledgeId, level, elevatedOn, sur }, write);
    return this.written(this.commands.execute(command), res);
  }

  @Post(':pledgeId/withdrawal')
  @WriteOperation('Withdraw a pledge', 'At any level, until it is selected; nothing changes afterwards.', {
    notFound: ['PLEDGE_NOT_FOUND'],
    conflict: FROZEN,
    unprocessable: ['PLEDGE_DATE_OUT_OF_ORDER'],
  })
  @ApiChanged(PledgeResponse, 'The pledge as changed; ETag is its stream version')
  withdraw(
    @Param('pledgeId') pledgeId: string,
    @Body() body: WithdrawPledgeRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const command = new WithdrawPledgeCommand({ pledgeId, ...body }, write);
    return this.written(this.commands.execute(command), res);
  }

  @Get()
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'List pledges',
    'Filtered by mission (once selected), contributor, level and status, in the order registered.',
  )
  @ApiOkResponse({ type: PledgePageResponse })
  list(@Query() query: ListPledgesQueryRequest, @CurrentActor() actor: Actor): Promise<Page<PledgeView>> {
    const { mission, contributor, level, status } = query;
    return this.queries.execute(
      new ListPledgesQuery({ mission, contributor, level, status }, pageRequest(query), actor),
    );
  }

  @Get(':pledgeId')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'Get a pledge',
    'Its level, visits, SUR alignment, selection; ETag is the stream version.',
    'PLEDGE_NOT_FOUND',
  )
  @ApiOkResponse({ type: PledgeResponse })
  async get(
    @Param('pledgeId') pledgeId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PledgeView> {
    const { pledge, version } = await this.queries.execute(new GetPledgeQuery(pledgeId, actor));
    setVersion(res, version);
    return pledge;
  }
}
