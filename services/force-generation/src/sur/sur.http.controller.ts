import {
  type Actor,
  CurrentActor,
  Roles,
  contributorScope,
  setVersion,
  ApiChanged,
  ApiCreated,
} from '@coe/platform';
import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ForceGenerationProblemFilter } from '../force-generation.http.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import type { Page } from '../shared/pagination';
import { pageRequest } from '../shared/pagination';
import { Write, type WriteContext, newAggregateId } from '@coe/platform';
import { AgreeSurVariationCommand, IssueSurCommand, ReviseSurCommand } from './sur.handlers';
import {
  AgreeSurVariationRequest,
  IssueSurRequest,
  ListSursQueryRequest,
  ReviseSurRequest,
} from './sur.http.requests';
import { SurPageResponse, SurResponse } from './sur.http.responses';
import { GetSurQuery, ListSursQuery } from './sur.queries';
import type { SurView } from './sur.read-model';

const DATE_ORDER = ['SUR_DATE_OUT_OF_ORDER'];
// categories are codes of GET /v1/reference/coe-codes, as in the MOU annexes the SUR leads to
const REQUIREMENTS = ['UNKNOWN_CATEGORY', 'UNKNOWN_ITEM'];

@ApiTags('Statements of unit requirements')
@UseFilters(ForceGenerationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/surs')
export class SurHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteOperation(
    'Issue a SUR',
    'Version 1 of a Statement of Unit Requirements for a mission and unit type.',
    {
      unprocessable: REQUIREMENTS,
    },
  )
  @ApiCreated(SurResponse, '/v1/surs/{surId}', 'The SUR; ETag is its stream version')
  async issue(
    @Body() body: IssueSurRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurView> {
    const surId = newAggregateId(write);
    const { sur, version } = await this.commands.execute(new IssueSurCommand({ surId, ...body }, write));
    setVersion(res, version);
    res.setHeader('Location', `/v1/surs/${surId}`);
    return sur;
  }

  @Post(':surId/revisions')
  @WriteOperation('Revise a SUR', 'States the requirements in full as version n+1.', {
    notFound: ['SUR_NOT_FOUND'],
    unprocessable: [...DATE_ORDER, ...REQUIREMENTS],
  })
  @ApiChanged(SurResponse, 'The SUR as changed; ETag is its stream version')
  async revise(
    @Param('surId') surId: string,
    @Body() body: ReviseSurRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurView> {
    const { sur, version } = await this.commands.execute(new ReviseSurCommand({ surId, ...body }, write));
    setVersion(res, version);
    return sur;
  }

  @Post(':surId/variations')
  @WriteOperation(
    'Record a variation agreed with one contributor',
    'The requirements agreed with that contributor in place of the current version; a later variation for the same contributor replaces it.',
    { notFound: ['SUR_NOT_FOUND'], unprocessable: [...DATE_ORDER, ...REQUIREMENTS] },
  )
  @ApiChanged(SurResponse, 'The SUR as changed; ETag is its stream version')
  async vary(
    @Param('surId') surId: string,
    @Body() body: AgreeSurVariationRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurView> {
    const { sur, version } = await this.commands.execute(
      new AgreeSurVariationCommand({ surId, ...body }, write),
    );
    setVersion(res, version);
    return sur;
  }

  @Get()
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation('List SURs', 'Filtered by mission and unit type, in the order they were issued.')
  @ApiOkResponse({ type: SurPageResponse })
  list(@Query() query: ListSursQueryRequest, @CurrentActor() actor: Actor): Promise<Page<SurView>> {
    const { mission, unitType } = query;
    return this.queries.execute(new ListSursQuery({ mission, unitType }, pageRequest(query), actor));
  }

  @Get(':surId')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'Get a SUR',
    'Every version and the variations agreed; ETag is the stream version.',
    'SUR_NOT_FOUND',
  )
  @ApiOkResponse({ type: SurResponse })
  async get(
    @Param('surId') surId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurView> {
    const { sur, version } = await this.queries.execute(new GetSurQuery(surId, actor));
    // the stream version counts the variations agreed with every contributor; a representative,
    // who sees only their own and cannot write, gets no ETag to count the others' by
    if (contributorScope(actor) === undefined) setVersion(res, version);
    return sur;
  }
}
