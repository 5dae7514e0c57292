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
  DeployUnitCommand,
  RecordArrivalInspectionCommand,
  RecordPreDeploymentVisitCommand,
  RecordRepatriationInspectionCommand,
  RepatriateUnitCommand,
  RotateUnitCommand,
  type UnitWritten,
} from './unit.handlers';
import {
  DeployUnitRequest,
  ListUnitsQueryRequest,
  RecordInspectionRequest,
  RecordPreDeploymentVisitRequest,
  RepatriateUnitRequest,
  RotateUnitRequest,
  SelectUnitRequest,
} from './unit.http.requests';
import { UnitDetailResponse, UnitPageResponse, UnitResponse } from './unit.http.responses';
import { GetUnitQuery, ListUnitsQuery, type UnitDetail } from './unit.queries';
import type { UnitView } from './unit.read-model';
import { SelectUnitCommand } from './unit.selection.handler';

const UNIT = { notFound: ['UNIT_NOT_FOUND'] };
const DATE_ORDER = ['UNIT_DATE_OUT_OF_ORDER'];

@ApiTags('Units')
@UseFilters(ForceGenerationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/units')
export class UnitHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async written(command: Promise<UnitWritten>, res: Response): Promise<UnitView> {
    const { unit, version } = await command;
    setVersion(res, version);
    return unit;
  }

  @Post()
  @WriteOperation(
    'Select a pledge for a mission',
    "Creates the unit (contract event UnitSelected) and marks the pledge selected, in one transaction. If-Match, when sent, is the pledge's ETag.",
    {
      notFound: ['PLEDGE_NOT_FOUND'],
      conflict: ['PLEDGE_WITHDRAWN', 'PLEDGE_ALREADY_SELECTED'],
      unprocessable: ['PLEDGE_NOT_SELECTABLE', 'PLEDGE_DATE_OUT_OF_ORDER'],
    },
  )
  @ApiCreated(UnitResponse, '/v1/units/{unitId}', 'The unit, with its unitId; ETag is its stream version')
  async select(
    @Body() body: SelectUnitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const unitId = newAggregateId(write);
    const unit = await this.written(
      this.commands.execute(new SelectUnitCommand({ unitId, ...body }, write)),
      res,
    );
    res.setHeader('Location', `/v1/units/${unitId}`);
    return unit;
  }

  @Post(':unitId/pre-deployment-visit')
  @WriteOperation('Record a pre-deployment visit', 'Before deployment, on or after the selection.', {
    ...UNIT,
    conflict: ['UNIT_ALREADY_DEPLOYED', 'UNIT_REPATRIATED'],
    unprocessable: DATE_ORDER,
  })
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  recordPdv(
    @Param('unitId') unitId: string,
    @Body() body: RecordPreDeploymentVisitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, visitedOn: body.visitedOn, findings: body.findings ?? null };
    return this.written(this.commands.execute(new RecordPreDeploymentVisitCommand(data, write)), res);
  }

  @Post(':unitId/deployment')
  @WriteOperation(
    'Record the deployment',
    'Arrival in the mission area (contract event UnitDeployed), not before selection.',
    {
      ...UNIT,
      conflict: ['UNIT_ALREADY_DEPLOYED', 'UNIT_REPATRIATED'],
      unprocessable: DATE_ORDER,
    },
  )
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  deploy(
    @Param('unitId') unitId: string,
    @Body() body: DeployUnitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, deployedOn: body.deployedOn };
    return this.written(this.commands.execute(new DeployUnitCommand(data, write)), res);
  }

  @Post(':unitId/arrival-inspection')
  @WriteOperation(
    'Record the arrival inspection',
    'Due within one calendar month of arrival; a later one is accepted and flagged `late: true`.',
    {
      ...UNIT,
      conflict: ['UNIT_NOT_DEPLOYED', 'UNIT_REPATRIATED', 'UNIT_ARRIVAL_INSPECTION_ALREADY_RECORDED'],
      unprocessable: [...DATE_ORDER, 'DOCUMENT_NOT_UPLOADED'],
    },
  )
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  inspectArrival(
    @Param('unitId') unitId: string,
    @Body() body: RecordInspectionRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, inspectedOn: body.inspectedOn, documents: body.documents };
    return this.written(this.commands.execute(new RecordArrivalInspectionCommand(data, write)), res);
  }

  @Post(':unitId/rotations')
  @WriteOperation(
    'Record a rotation',
    'Each rotation with its date; the standard is 12 months after arrival or the previous rotation.',
    {
      ...UNIT,
      conflict: ['UNIT_NOT_DEPLOYED', 'UNIT_REPATRIATED'],
      unprocessable: DATE_ORDER,
    },
  )
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  rotate(
    @Param('unitId') unitId: string,
    @Body() body: RotateUnitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, rotatedOn: body.rotatedOn };
    return this.written(this.commands.execute(new RotateUnitCommand(data, write)), res);
  }

  @Post(':unitId/repatriation')
  @WriteOperation(
    'Record the repatriation',
    'Contract event UnitRepatriated, not before deployment nor the last rotation.',
    {
      ...UNIT,
      conflict: ['UNIT_NOT_DEPLOYED', 'UNIT_REPATRIATED'],
      unprocessable: DATE_ORDER,
    },
  )
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  repatriate(
    @Param('unitId') unitId: string,
    @Body() body: RepatriateUnitRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, repatriatedOn: body.repatriatedOn };
    return this.written(this.commands.execute(new RepatriateUnitCommand(data, write)), res);
  }

  @Post(':unitId/repatriation-inspection')
  @WriteOperation(
    'Record the repatriation inspection',
    'After the repatriation is recorded; may be dated before departure.',
    {
      ...UNIT,
      conflict: ['UNIT_NOT_REPATRIATED', 'UNIT_REPATRIATION_INSPECTION_ALREADY_RECORDED'],
      unprocessable: [...DATE_ORDER, 'DOCUMENT_NOT_UPLOADED'],
    },
  )
  @ApiChanged(UnitResponse, 'The unit as changed; ETag is its stream version')
  inspectRepatriation(
    @Param('unitId') unitId: string,
    @Body() body: RecordInspectionRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitView> {
    const data = { unitId, inspectedOn: body.inspectedOn, documents: body.documents };
    const command = new RecordRepatriationInspectionCommand(data, write);
    return this.written(this.commands.execute(command), res);
  }

  @Get()
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation('List units', 'Filtered by mission, contributor and status, in the order selected.')
  @ApiOkResponse({ type: UnitPageResponse })
  list(@Query() query: ListUnitsQueryRequest, @CurrentActor() actor: Actor): Promise<Page<UnitView>> {
    const { mission, contributor, status } = query;
    return this.queries.execute(
      new ListUnitsQuery({ mission, contributor, status }, pageRequest(query), actor),
    );
  }

  @Get(':unitId')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ReadOperation(
    'Get a unit',
    "Its state and history (each event's type, business date, recorded time and actor); ETag is the stream version.",
    'UNIT_NOT_FOUND',
  )
  @ApiOkResponse({ type: UnitDetailResponse })
  async get(
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitDetail> {
    const { unit, version } = await this.queries.execute(new GetUnitQuery(unitId, actor));
    setVersion(res, version);
    return unit;
  }
}
