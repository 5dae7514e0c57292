import { Roles, ApiProblem } from '@coe/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiProperty } from '@nestjs/swagger';
import { RetriedParkedResponse } from '@coe/messaging';
import { ProjectionsProblemFilter } from '../projections.http.errors';
import { ProjectionsContext } from '../projections.context';
import {
  consumerName,
  ProjectionRebuilds,
  type RebuildStarted,
  ProjectionStatus,
  type ProjectionView,
} from '@coe/projection-engine';
import { PROJECTION_NAMES } from './projection.registry';
import { ListProjectionsRequest, ProjectionParams, RebuildRequest } from './projections-admin.http.requests';

class LagResponse {
  @ApiProperty({ example: 0 }) eventsBehind!: number;
  @ApiProperty({ example: 0 }) secondsBehind!: number;
  @ApiProperty({ example: true, description: 'False when eventsBehind is only a lower bound' })
  exact!: boolean;
}

class ProjectionVersionResponse {
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ enum: ['building', 'active', 'retired', 'dropped', 'replay'] }) status!: string;
  @ApiProperty({ example: 'projections.payables.v3' }) consumer!: string;
  @ApiProperty({ example: '2019-11-01T08:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ nullable: true, example: '2019-11-01T08:02:10.000Z' }) activatedAt!: string | null;
  @ApiProperty({ nullable: true, example: null }) retiredAt!: string | null;
  @ApiProperty({ nullable: true, example: null }) checksumAtActivation!: string | null;
  @ApiProperty({ nullable: true, example: null }) checksumAtRetirement!: string | null;
  @ApiProperty({ nullable: true, example: null }) comparedWith!: number | null;
  @ApiProperty({ nullable: true, example: null }) comparedAtSamePosition!: boolean | null;
  @ApiProperty({
    nullable: true,
    example: null,
    description: 'md5 of the canonical dump, with checksums=true',
  })
  checksum!: string | null;
  @ApiProperty({ type: LagResponse, nullable: true }) lag!: LagResponse | null;
  @ApiProperty({ example: 0, description: 'Events its consumer parked' }) parked!: number;
}

class ProjectionResponse {
  @ApiProperty({ enum: PROJECTION_NAMES }) projection!: string;
  @ApiProperty({ type: [String], example: ['reimbursement'] }) sources!: string[];
  @ApiProperty({ nullable: true, example: 3 }) activeVersion!: number | null;
  @ApiProperty({ type: [ProjectionVersionResponse] }) versions!: ProjectionVersionResponse[];
}

class ProjectionsResponse {
  @ApiProperty({ type: [ProjectionResponse] }) projections!: ProjectionResponse[];
}

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
  @ApiOkResponse({ type: ProjectionsResponse })
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
