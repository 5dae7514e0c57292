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
  HostileActionIncidentPageResponse,
  HostileActionIncidentResponse,
} from '../payable-records/payable-record.http.responses';
import { money, usd } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import type { Page } from '../shared/pagination';
import { uuidPipe } from '../shared/params';
import {
  CertifyHostileActionIncidentCommand,
  RecordHostileActionIncidentCommand,
} from './hostile-action.handlers';
import {
  CertifyHostileActionIncidentRequest,
  HostileActionIncidentsQuery,
  RecordHostileActionIncidentRequest,
} from './hostile-action.http.requests';

const INCIDENT_ID = uuidPipe('incidentId');

@ApiTags('Loss through hostile action')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/hostile-action-incidents')
export class HostileActionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private answer(written: PayableRecordWritten, res: Response): Promise<PayableRecordView> {
    return answerPayableRecord(this.queries, 'hostile-action', written, res);
  }

  @Post()
  @WriteOperation(
    'Record a loss through hostile action or forced abandonment',
    'Resolution 50/222: one incident with its items (an MOU annex B line, or category and item) at their generic fair market value (GFMV), each `quantity × GFMV each` rounded to the cent. `liability` is `united-nations` when the total reaches the threshold in force on the incident date (rate table `hostile-action-threshold`), else `contributor` (nothing payable). Publishes HostileActionIncidentRecorded either way: its items are not counted against the contributor under 67/261.',
    {
      conflict: ['HOSTILE_ACTION_INCIDENT_EXISTS'],
      unprocessable: [
        'MOU_TERMS_NOT_FOUND',
        'UNKNOWN_ANNEX_B_LINE',
        'UNKNOWN_CATEGORY',
        'UNKNOWN_ITEM',
        'RATE_NOT_IN_FORCE',
        'DATED_OUT_OF_ORDER',
      ],
    },
  )
  @ApiCreated(HostileActionIncidentResponse, '/v1/hostile-action-incidents/{incidentId}', 'Recorded')
  async record(
    @Body() body: RecordHostileActionIncidentRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const items = body.items.map((i) => ({ ...i, gfmvEachUsd: usd(money(i.gfmvEachUsd)) }));
    return this.answer(
      await this.commands.execute(new RecordHostileActionIncidentCommand({ ...body, items }, write)),
      res,
    );
  }

  @Post(':incidentId/certification')
  @HttpCode(200)
  @WriteOperation(
    'Certify a hostile-action loss',
    'Four eyes: not by the officer who recorded it. Only when the UN is liable (422 HOSTILE_ACTION_BELOW_THRESHOLD otherwise). The total GFMV becomes a certified claim of category `major_equipment` (reference `HA/<incidentRef>`, one line per item), paid like any claim.',
    {
      notFound: ['HOSTILE_ACTION_INCIDENT_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['HOSTILE_ACTION_ALREADY_CERTIFIED', 'CLAIM_EXISTS'],
      unprocessable: ['HOSTILE_ACTION_BELOW_THRESHOLD', 'DATED_BEFORE_PREPARATION'],
    },
  )
  @ApiOkResponse({ type: HostileActionIncidentResponse, description: 'Changed: certified' })
  async certify(
    @Param('incidentId', INCIDENT_ID) incidentId: string,
    @Body() body: CertifyHostileActionIncidentRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new CertifyHostileActionIncidentCommand(incidentId, body.certifiedOn, write);
    return this.answer(await this.commands.execute(command), res);
  }

  @Get()
  @ReadOperation(
    'Hostile-action incidents',
    'By mission, contributor and status; paged, by incident date then reference.',
    { scoped: true },
  )
  @ApiOkResponse({ type: HostileActionIncidentPageResponse })
  list(
    @Query() query: HostileActionIncidentsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<PayableRecordView>> {
    return this.queries.execute(new ListPayableRecordsQuery('hostile-action', query, actor));
  }

  @Get(':incidentId')
  @ReadOperation(
    'A hostile-action incident',
    'Its items, total GFMV, threshold, liability and certification.',
    {
      scoped: true,
      notFound: 'HOSTILE_ACTION_INCIDENT_NOT_FOUND',
    },
  )
  @ApiOkResponse({ type: HostileActionIncidentResponse })
  get(
    @Param('incidentId', INCIDENT_ID) incidentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<PayableRecordView> {
    return this.queries.execute(new GetPayableRecordQuery('hostile-action', incidentId, actor));
  }
}
