import { type Actor, CurrentActor, Roles, ApiProblem } from '@coe/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { StartReplayRequest } from './audit-replays.http.requests';
import {
  ReplayResponse,
  ReplayStartedResponse,
  ReplaySummaryListResponse,
} from './audit-replays.http.responses';
import {
  ProjectionReplays,
  type ReplayStarted,
  type ReplaySummary,
  type ReplayView,
} from '@coe/projection-engine';

@ApiTags('Audit')
@UseFilters(ProjectionsProblemFilter)
@Roles('auditor', 'admin')
@Controller('v1/audit/replays')
export class AuditReplaysHttpController {
  constructor(private readonly replays: ProjectionReplays) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replay a read model from the events and compare it with the live one',
    description:
      'Fills a scratch copy of the read model from the start of the event history (it never answers ' +
      'reports), compares it row by row with the active version once caught up, at a moment where both ' +
      'had applied the same events, then drops it. Follow it with GET /v1/audit/replays/{replayId}.',
  })
  @ApiAcceptedResponse({
    type: ReplayStartedResponse,
    description: 'Running; Location: the replay, to follow',
    headers: { Location: { description: 'GET /v1/audit/replays/{replayId}', schema: { type: 'string' } } },
  })
  @ApiProblem(400, ['VALIDATION_FAILED'], 'projection is not one of the read models')
  @ApiProblem(409, ['REPLAY_IN_PROGRESS', 'REPLAY_UNAVAILABLE'])
  async start(
    @Body() body: StartReplayRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReplayStarted> {
    const started = await this.replays.start(body.projection, actor);
    res.location(`/v1/audit/replays/${started.replayId}`);
    return started;
  }

  @Get()
  @ApiOperation({ summary: 'Every replay check, newest first, without its differences' })
  @ApiOkResponse({ type: ReplaySummaryListResponse })
  async list(): Promise<{ items: ReplaySummary[] }> {
    return { items: await this.replays.list() };
  }

  @Get(':replayId')
  @ApiOperation({
    summary: 'A replay check: its status and, once completed, the differences found',
    description:
      'status running | completed | failed. Once completed: identical, the rows compared per table ' +
      '(liveRows, replayRows, onlyInLive, onlyInReplay, different), differencesTotal and the first 100 ' +
      'differences by table and primary key (only-in-live / only-in-replay with the row, different with ' +
      'the columns whose values differ); samePosition says both versions had applied the same events. ' +
      'While running: lag.',
  })
  @ApiOkResponse({ type: ReplayResponse })
  @ApiProblem(404, ['REPLAY_NOT_FOUND'])
  get(@Param('replayId') replayId: string): Promise<ReplayView> {
    return this.replays.get(replayId);
  }
}
