import { Roles, ApiProblem } from '@coe/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiProperty } from '@nestjs/swagger';
import { RetriedParkedResponse } from '@coe/messaging';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { ProjectionsContext } from '../projections.context';
import { consumerName, PROJECTION_NAMES } from './projection.definition';
import { ProjectionRebuilds, type RebuildStarted } from './projection.rebuilds';
import { ProjectionStatus, type ProjectionView } from './projection.status';
import { ListProjectionsRequest, ProjectionParams, RebuildRequest } from './projections-admin.http.requests';

class RebuildStartedResponse {
  @ApiProperty({ enum: PROJECTION_NAMES }) projection!: string;
  @ApiProperty({ example: 4, description: 'The new version being filled' }) version!: number;
  @ApiProperty({ enum: ['building'] }) status!: 'building';
}

class RebuildsStartedResponse {
  @ApiProperty({ type: [RebuildStartedResponse] }) rebuilds!: RebuildStartedResponse[];
}

@ApiTags('Projections admin')
@UseFilters(ProjectionsProblemFilter)
@Roles('admin')
@Controller('v1/admin/projections')
export class ProjectionsAdminHttpController {
  constructor(
    private readonly rebuilds: ProjectionRebuilds,
    private readonly status: ProjectionStatus,
    private readonly context: ProjectionsContext,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Read models: versions, status, checksums, lag, parked events',
    description:
      'checksumAtActivation / checksumAtRetirement were taken at the switch from one version to the next ' +
      '(comparedAtSamePosition: both had applied the same events); `checksum` is computed now when ' +
      '`checksums=true`.',
  })
  @ApiOkResponse({
    description: '{ projections: [{ projection, sources, activeVersion, versions: [...] }] }',
  })
  async list(@Query() query: ListProjectionsRequest): Promise<{ projections: ProjectionView[] }> {
    return { projections: await this.status.list({ checksums: query.checksums === 'true' }) };
  }

  @Post('rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Rebuild one or every read model without downtime',
    description:
      'Fills a new version from the start of the event history while the current one keeps answering, ' +
      'and switches to it once caught up. Follow it with GET /v1/admin/projections.',
  })
  @ApiAcceptedResponse({
    type: RebuildsStartedResponse,
    description: 'Building; follow it with GET /v1/admin/projections',
  })
  @ApiProblem(409, ['REBUILD_IN_PROGRESS', 'REBUILD_UNAVAILABLE'])
  async rebuild(@Body() body: RebuildRequest): Promise<{ rebuilds: RebuildStarted[] }> {
    const names = body.projection ? [body.projection] : [...PROJECTION_NAMES];
    return { rebuilds: await this.rebuilds.start(names) };
  }

  @Post(':projection/retry-parked')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Retry the parked events of a read model',
    description: 'Re-applies, for every version being kept up to date, the events its consumer parked.',
  })
  @ApiOkResponse({ type: RetriedParkedResponse })
  async retryParked(@Param() params: ProjectionParams): Promise<{ retried: number; stillFailing: number }> {
    const versions = await this.context.versions.list();
    const total = { retried: 0, stillFailing: 0 };
    for (const v of versions.filter((v) => v.projection === params.projection)) {
      if (v.status !== 'active' && v.status !== 'building') continue;
      const outcome = await this.context.consumers.retryParked(consumerName(v.projection, v.version));
      total.retried += outcome.retried;
      total.stillFailing += outcome.stillFailing;
    }
    return total;
  }
}
