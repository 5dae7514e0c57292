import { Roles, ValidationProblemException, ApiCreated } from '@coe/platform';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Res,
  UseFilters,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MouNegotiationProblemFilter } from '../mou-negotiation.http.errors';
import { WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import {
  ProposeMouAmendmentCommand,
  ProposeMouAmendmentTermsCommand,
  SignMouAmendmentCommand,
  WithdrawMouAmendmentCommand,
} from './mou.amendments.handlers';
import { OPEN, TERMS, executeOnMou } from './mou.http.controller';
import {
  AmendmentRequest,
  NegotiationRoundRequest,
  SignatureRequest,
  WithdrawalRequest,
} from './mou.http.requests';
import { MouResponse } from './mou.http.responses';
import type { MouView } from './mou.read-model';

const amendmentNumber = new ParseIntPipe({
  exceptionFactory: () =>
    new ValidationProblemException([{ field: 'n', message: 'must be an amendment number' }]),
});

@ApiTags('MOUs')
@UseFilters(MouNegotiationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/mous')
export class MouAmendmentsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':mouId/amendments')
  @WriteOperation(
    'Propose an amendment',
    'Personnel or equipment changes, rotation or re-tasking of an MOU in force, taking effect on a stated date once both parties sign.',
    {
      notFound: ['MOU_NOT_FOUND'],
      conflict: [...OPEN, 'MOU_NOT_IN_FORCE', 'AMENDMENT_IN_PROGRESS'],
      unprocessable: ['AMENDMENT_DATE_OUT_OF_ORDER', ...TERMS],
    },
  )
  @ApiCreated(MouResponse, '/v1/mous/{mouId}/amendments/{n}', 'The MOU with its new amendment')
  async amend(
    @Param('mouId') mouId: string,
    @Body() body: AmendmentRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    const mou = await executeOnMou(
      this.commands,
      new ProposeMouAmendmentCommand({ mouId, ...body }, write),
      res,
    );
    res.setHeader('Location', `/v1/mous/${mouId}/amendments/${mou.amendments.length}`);
    return mou;
  }

  @Post(':mouId/amendments/:n/negotiation-rounds')
  @HttpCode(HttpStatus.OK)
  @WriteOperation(
    'Record a negotiation round on an amendment',
    "Only before the amendment's first signature.",
    {
      notFound: ['MOU_NOT_FOUND', 'AMENDMENT_NOT_FOUND'],
      conflict: [...OPEN, 'MOU_NOT_IN_FORCE', 'AMENDMENT_NOT_NEGOTIABLE'],
      unprocessable: ['AMENDMENT_DATE_OUT_OF_ORDER', ...TERMS],
    },
  )
  @ApiOkResponse({ type: MouResponse })
  proposeAmendment(
    @Param('mouId') mouId: string,
    @Param('n', amendmentNumber) n: number,
    @Body() body: NegotiationRoundRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(
      this.commands,
      new ProposeMouAmendmentTermsCommand({ mouId, amendmentNumber: n, ...body }, write),
      res,
    );
  }

  @Post(':mouId/amendments/:n/signatures')
  @HttpCode(HttpStatus.OK)
  @WriteOperation(
    'Record a signature of an amendment',
    "Either order; the second signature puts annex version n+1 in force from the amendment's stated date.",
    {
      notFound: ['MOU_NOT_FOUND', 'AMENDMENT_NOT_FOUND'],
      conflict: [...OPEN, 'MOU_NOT_IN_FORCE', 'AMENDMENT_NOT_NEGOTIABLE', 'MOU_ALREADY_SIGNED'],
      unprocessable: ['SIGNATURE_BEFORE_NEGOTIATION'],
    },
  )
  @ApiOkResponse({ type: MouResponse })
  signAmendment(
    @Param('mouId') mouId: string,
    @Param('n', amendmentNumber) n: number,
    @Body() body: SignatureRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    const { party, signedOn } = body;
    return executeOnMou(
      this.commands,
      new SignMouAmendmentCommand({ mouId, amendmentNumber: n, party, signedOn }, write),
      res,
    );
  }

  @Post(':mouId/amendments/:n/withdrawal')
  @HttpCode(HttpStatus.OK)
  @WriteOperation('Withdraw an amendment under negotiation', 'The terms in force stay as they are.', {
    notFound: ['MOU_NOT_FOUND', 'AMENDMENT_NOT_FOUND'],
    conflict: [...OPEN, 'MOU_NOT_IN_FORCE', 'AMENDMENT_NOT_NEGOTIABLE'],
    unprocessable: ['AMENDMENT_DATE_OUT_OF_ORDER'],
  })
  @ApiOkResponse({ type: MouResponse })
  withdrawAmendment(
    @Param('mouId') mouId: string,
    @Param('n', amendmentNumber) n: number,
    @Body() body: WithdrawalRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MouView> {
    return executeOnMou(
      this.commands,
      new WithdrawMouAmendmentCommand({ mouId, amendmentNumber: n, ...body }, write),
      res,
    );
  }
}
