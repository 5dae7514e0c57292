import { type Actor, CurrentActor, Roles, setVersion, ApiCreated } from '@coe/platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import { type Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MouNegotiationProblemFilter } from '../mou-negotiation.http.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import {
  CloseMouCommand,
  DraftMouCommand,
  ProposeMouTermsCommand,
  SendMouToPermanentMissionCommand,
  SignMouCommand,
  WithdrawMouCommand,
} from './mou.handlers';
import {
  ClosureRequest,
  DraftMouRequest,
  ListMousQueryRequest,
  NegotiationRoundRequest,
  SentToPermanentMissionRequest,
  SignatureRequest,
  WithdrawalRequest,
} from './mou.http.requests';
import { MouDetailResponse, MouPageResponse, MouResponse } from './mou.http.responses';
import { GetMouQuery, ListMousQuery, type Page } from './mou.queries';
import type { MouDetail, MouView } from './mou.read-model';
import type { MouWritten } from './mou.writer';

export const OPEN = ['MOU_ENDED'];
const DATES = ['DATE_BEFORE_NEGOTIATION'];
export const TERMS = [
  'MISSION_FACTOR_OUT_OF_RANGE',
  'UNKNOWN_ANNEX_B_LINE',
  'ANNEX_B_LINE_OMITTED',
  'ANNEX_B_GIVEN_TWICE',
  'DUPLICATE_ANNEX_ENTRY',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_ITEM',
];

/** Executes a command on one MOU and sets the response's ETag to the MOU's new version. */
export const executeOnMou = async (
  commands: CommandBus,
  command: Command<MouWritten>,
  res: Response,
): Promise<MouView> => {
  const { mou, version } = await commands.execute(command);
  setVersion(res, version);
  return mou;
};

@ApiTags('MOUs')
@UseFilters(MouNegotiationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/mous')
export class MouHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteOperation('Draft an MOU', 'Opens negotiation for one unit; the reference is unique.', {
    conflict: ['MOU_REF_TAKEN', 'UNIT_ALREADY_HAS_MOU'],
    unprocessable: ['MOU_REF_MISMATCH'],
  })
  @ApiCreated(MouResponse, '/v1/mous/{mouId}', 'The MOU; ETag is its stream version')
  async draft(
    @Body() body: DraftMouRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    const { mou, version } = await this.commands.execute(new DraftMouCommand(body, write));
    setVersion(res, version);
    res.setHeader('Location', `/v1/mous/${mou.mouId}`);
    return mou;
  }

  @Post(':mouId/negotiation-rounds')
  @HttpCode(HttpStatus.OK)
  @WriteOperation(
    'Record a negotiation round',
    'Who proposed which annex changes, and when. Only before the first signature.',
    {
      notFound: ['MOU_NOT_FOUND'],
      conflict: [...OPEN, 'MOU_NOT_NEGOTIABLE'],
      unprocessable: [...DATES, ...TERMS],
    },
  )
  @ApiOkResponse({ type: MouResponse })
  propose(
    @Param('mouId') mouId: string,
    @Body() body: NegotiationRoundRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(this.commands, new ProposeMouTermsCommand({ mouId, ...body }, write), res);
  }

  @Post(':mouId/sent-to-permanent-mission')
  @HttpCode(HttpStatus.OK)
  @WriteOperation('Record that the draft went to the Permanent Mission', 'The business date it was sent.', {
    notFound: ['MOU_NOT_FOUND'],
    conflict: [...OPEN, 'MOU_NOT_NEGOTIABLE'],
    unprocessable: [...DATES, 'DOCUMENT_NOT_UPLOADED'],
  })
  @ApiOkResponse({ type: MouResponse })
  send(
    @Param('mouId') mouId: string,
    @Body() body: SentToPermanentMissionRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(this.commands, new SendMouToPermanentMissionCommand({ mouId, ...body }, write), res);
  }

  @Post(':mouId/signatures')
  @HttpCode(HttpStatus.OK)
  @WriteOperation(
    'Record a signature',
    'The contributor and the UN sign in either order, once the MOU was sent to the Permanent Mission (409 MOU_NOT_SENT before; ' +
      '422 SIGNATURE_BEFORE_SENDING for a signature dated before the sending); the second signature puts the MOU in force (annex version 1). ' +
      'The same party and date again changes nothing (200); the same party with another date is 409 MOU_ALREADY_SIGNED.',
    {
      notFound: ['MOU_NOT_FOUND'],
      conflict: [...OPEN, 'MOU_ALREADY_SIGNED', 'MOU_NOT_SENT'],
      unprocessable: ['SIGNATURE_BEFORE_NEGOTIATION', 'SIGNATURE_BEFORE_SENDING', 'DOCUMENT_NOT_UPLOADED'],
    },
  )
  @ApiOkResponse({ type: MouResponse })
  sign(
    @Param('mouId') mouId: string,
    @Body() body: SignatureRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(this.commands, new SignMouCommand({ mouId, ...body }, write), res);
  }

  @Post(':mouId/withdrawal')
  @HttpCode(HttpStatus.OK)
  @WriteOperation('Withdraw an MOU', 'Only before it enters into force.', {
    notFound: ['MOU_NOT_FOUND'],
    conflict: [...OPEN, 'MOU_ALREADY_IN_FORCE'],
    unprocessable: DATES,
  })
  @ApiOkResponse({ type: MouResponse })
  withdraw(
    @Param('mouId') mouId: string,
    @Body() body: WithdrawalRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(this.commands, new WithdrawMouCommand({ mouId, ...body }, write), res);
  }

  @Post(':mouId/closure')
  @HttpCode(HttpStatus.OK)
  @WriteOperation('Close an MOU', 'Only after its unit was repatriated, on or after the repatriation date.', {
    notFound: ['MOU_NOT_FOUND'],
    conflict: [...OPEN, 'UNIT_NOT_REPATRIATED', 'AMENDMENT_IN_PROGRESS'],
    unprocessable: ['CLOSURE_BEFORE_REPATRIATION'],
  })
  @ApiOkResponse({ type: MouResponse })
  close(
    @Param('mouId') mouId: string,
    @Body() body: ClosureRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(this.commands, new CloseMouCommand({ mouId, ...body }, write), res);
  }

  @Get()
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'List MOUs',
    'Filtered by mission, contributor, status, reference (mouRef) and unit (unitId), in the order they were drafted.',
  )
  @ApiOkResponse({ type: MouPageResponse })
  list(@Query() query: ListMousQueryRequest, @CurrentActor() actor: Actor): Promise<Page<MouView>> {
    const { mission, contributor, status, mouRef, unitId } = query;
    return this.queries.execute(
      new ListMousQuery(
        { mission, contributor, status, mouRef, unitId },
        { page: query.page ?? 1, pageSize: query.pageSize ?? 50 },
        actor,
      ),
    );
  }

  @Get(':mouId')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'Get an MOU',
    "Current annexes and version, signature and deployment dates, status, and the history (each event's type, business date, recorded time, actor). ETag is the stream version.",
    'MOU_NOT_FOUND',
  )
  @ApiOkResponse({ type: MouDetailResponse })
  async get(
    @Param('mouId') mouId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouDetail> {
    const mou = await this.queries.execute(new GetMouQuery(mouId, actor));
    setVersion(res, BigInt(mou.version));
    return mou;
  }
}
