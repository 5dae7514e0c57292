import type { ReadStreamOptions } from '@coe/event-store';
import { MessagingRuntime } from '@coe/messaging';
import {
  type Actor,
  ApiCreated,
  ApiProblem,
  CurrentActor,
  DomainError,
  problemFilterFor,
  Roles,
  streamXlsx,
} from '@coe/platform';
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
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { readLogPage } from './audit.log';
import {
  CheckpointResponse,
  EventLogPageResponse,
  SealedCheckpointResponse,
  StreamEventsResponse,
  StreamStateResponse,
  VerificationResponse,
} from './audit.http.responses';
import {
  EventLogExportQuery,
  EventLogQueryRequest,
  StartVerificationRequest,
  StreamStateQuery,
} from './audit.http.requests';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditVerifications } from './audit-verifications';
import { auditView, csvRow, CSV_COLUMNS, tableRow, toJson } from './audit.serialize';

type AuditErrorCode =
  | 'STREAM_NOT_FOUND'
  | 'NO_STATE_FOR_STREAM'
  | 'VERIFICATION_NOT_FOUND'
  | 'SERVICE_NOT_HERE'
  | 'CHECKPOINT_NOT_FOUND'
  | 'CHECKPOINT_KEY_MISSING';
const statusByCode = {
  STREAM_NOT_FOUND: HttpStatus.NOT_FOUND,
  NO_STATE_FOR_STREAM: HttpStatus.NOT_FOUND,
  VERIFICATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  SERVICE_NOT_HERE: HttpStatus.NOT_FOUND,
  CHECKPOINT_NOT_FOUND: HttpStatus.NOT_FOUND,
  CHECKPOINT_KEY_MISSING: HttpStatus.CONFLICT,
} satisfies Record<AuditErrorCode, HttpStatus>;

const EXPORT_PAGE = 1000;

const STREAM_ID_PARAM = ApiParam({
  name: 'streamId',
  description:
    '`<aggregate>-<id>`: `sur-<surId>`, `pledge-<pledgeId>`, `unit-<unitId>`, `mou-<mouId>`, ' +
    '`rate-table-<tableId>`, `verification-<mouId>-<YYYY-MM>`, `claim-<claimId>`, `claim-run-<runId>`, ' +
    '`premium-<mouId>`, `letter-of-assist-<loaId>`, `death-and-disability-<caseId>`, ' +
    '`hostile-action-<incidentId>`, `fund-<MISSION>`, `mission-status-<MISSION>`, `payment-run-<runId>`, ' +
    '`payment-<paymentId>`, `loan-<loanId>`; the `streamId` of any event in the log.',
  example: 'mou-7c9e6679-7425-40de-944b-e07fc1f90ae7',
});

@ApiTags('Audit')
@Roles('auditor', 'admin')
@Controller('v1/audit')
@UseFilters(problemFilterFor(statusByCode))
export class AuditController {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly verifications: AuditVerifications,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  @Post('checkpoints')
  @ApiOperation({
    summary:
      'Seals the history of the stores of this process now: a signed checkpoint (docs/audit-checkpoints.md) ' +
      'to download and keep. Roles: auditor, admin.',
  })
  @ApiCreated(SealedCheckpointResponse, '/v1/audit/checkpoints/{checkpointId}', 'The checkpoint, sealed')
  @ApiProblem(409, ['CHECKPOINT_KEY_MISSING'])
  async sealCheckpoint(@Res({ passthrough: true }) res: Response) {
    const sealed = await this.checkpoints.seal();
    res.location(`/v1/audit/checkpoints/${sealed.checkpointId}`);
    return sealed;
  }

  @Get('checkpoints/:checkpointId')
  @ApiOperation({
    summary: 'Downloads a checkpoint, as `audit:verify --checkpoint` reads it. Roles: auditor, admin.',
  })
  @ApiOkResponse({ type: CheckpointResponse, description: 'As an attachment' })
  @ApiProblem(404, ['CHECKPOINT_NOT_FOUND'])
  async checkpoint(@Param('checkpointId') checkpointId: string, @Res() res: Response) {
    const checkpoint = await this.checkpoints.get(checkpointId);
    res.setHeader('Content-Disposition', `attachment; filename="checkpoint-${checkpointId}.json"`);
    res.type('application/json').send(JSON.stringify(checkpoint, null, 2));
  }

  @Post('verifications')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      "Starts recomputing the hash chains of every store of this process (or one service's, or one stream's) " +
      'while it keeps serving; follow it with GET. Roles: auditor, admin.',
  })
  @ApiAcceptedResponse({ type: VerificationResponse, description: 'Running; follow it with GET' })
  @ApiProblem(404, ['SERVICE_NOT_HERE'])
  startVerification(@Body() body: StartVerificationRequest, @CurrentActor() actor: Actor) {
    return this.verifications.start(
      { service: body.service ?? null, streamId: body.streamId ?? null },
      actor.sub,
    );
  }

  @Get('verifications/:verificationId')
  @ApiOperation({
    summary:
      'A verification: running (events checked of the total), intact, broken (the first break) or failed. ' +
      'Roles: auditor, admin.',
  })
  @ApiOkResponse({ type: VerificationResponse })
  @ApiProblem(404, ['VERIFICATION_NOT_FOUND'])
  verification(@Param('verificationId') verificationId: string) {
    return this.verifications.get(verificationId);
  }

  @Get('streams/:streamId/events')
  @ApiOperation({
    summary: 'Every event of a stream in order, with its whole envelope. Roles: auditor, admin.',
  })
  @STREAM_ID_PARAM
  @ApiOkResponse({ type: StreamEventsResponse })
  @ApiProblem(404, ['STREAM_NOT_FOUND'])
  async streamEvents(@Param('streamId') streamId: string) {
    const { service, events } = await this.findStream(streamId);
    return { streamId, service, events: events.map((e) => auditView(service, e)) };
  }

  @Get('streams/:streamId/state')
  @ApiOperation({
    summary:
      "A stream's state from the events whose business date is on or before asOf, counting only events " +
      'recorded on or before knownAt (default: now). Roles: auditor, admin.',
  })
  @STREAM_ID_PARAM
  @ApiOkResponse({ type: StreamStateResponse })
  @ApiProblem(404, ['STREAM_NOT_FOUND', 'NO_STATE_FOR_STREAM'])
  async streamState(
    @Param('streamId') streamId: string,
    @Query() query: StreamStateQuery,
    @Res() res: Response,
  ) {
    const aggregate = this.runtime.aggregateOf(streamId);
    if (!aggregate)
      throw new DomainError('NO_STATE_FOR_STREAM', `No aggregate is registered for stream ${streamId}`);
    const { service, events } = await this.findStream(streamId, {
      ...(query.asOf ? { effectiveOnOrBefore: query.asOf } : {}),
      recordedAtOrBefore: query.knownAt ? new Date(query.knownAt) : new Date(),
    });
    const { evolve, initialState } = aggregate.decider;
    const state = events.reduce(
      (s, e) => evolve(s, { type: e.type, data: e.data, effectiveOn: e.effectiveOn ?? undefined }),
      initialState(),
    );
    res.type('application/json').send(
      toJson({
        streamId,
        service,
        asOf: query.asOf ?? null,
        knownAt: query.knownAt ?? null,
        version: events.at(-1)?.streamVersion ?? 0n,
        eventsCounted: events.length,
        state,
      }),
    );
  }

  @Get('events')
  @ApiOperation({
    summary:
      "A service's event log filtered by type, actor, stream, recording period and business period, in pages " +
      '(pass `next` as `after`). Roles: auditor, admin.',
  })
  @ApiOkResponse({ type: EventLogPageResponse })
  async log(@Query() query: EventLogQueryRequest) {
    return readLogPage(this.runtime.storesInProcess(), query);
  }

  @Get('events/export')
  @ApiOperation({
    summary:
      'The filtered log as NDJSON, CSV or an Excel workbook (format=xlsx; cells a spreadsheet would run as a ' +
      'formula are neutralised). ' +
      'Roles: auditor, admin.',
  })
  @ApiProduces(
    'application/x-ndjson',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({
    description: 'The events as an attachment: one JSON object a line (ndjson), CSV rows, or a workbook',
    schema: {
      type: 'string',
      example:
        'service,eventId,streamId,streamVersion,globalPosition,type,…\r\n' +
        'mou-negotiation,0b9f6d2e-5c1a-4e8b-9a3f-7d2c1e4b5a60,mou-7c9e6679-7425-40de-944b-e07fc1f90ae7,1,1041,MouDrafted,…\r\n',
    },
  })
  async export(@Query() query: EventLogExportQuery, @Res() res: Response) {
    if (query.format === 'xlsx') {
      await streamXlsx(res, 'events', { name: 'events', columns: CSV_COLUMNS }, this.exportedRows(query));
      return;
    }
    const csv = query.format === 'csv';
    res.status(200).type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    res.setHeader('Content-Disposition', `attachment; filename="events.${csv ? 'csv' : 'ndjson'}"`);
    if (csv) res.write(`${CSV_COLUMNS.join(',')}\r\n`);
    let after = query.after;
    for (;;) {
      const page = await readLogPage(this.runtime.storesInProcess(), {
        ...query,
        limit: EXPORT_PAGE,
        ...(after ? { after } : {}),
      });
      for (const item of page.items) res.write(csv ? `${csvRow(item)}\r\n` : `${toJson(item)}\n`);
      if (!page.next || page.items.length === 0) break;
      after = page.next;
    }
    res.end();
  }

  private async *exportedRows(query: EventLogExportQuery): AsyncIterable<unknown[]> {
    let after = query.after;
    for (;;) {
      const page = await readLogPage(this.runtime.storesInProcess(), {
        ...query,
        limit: EXPORT_PAGE,
        ...(after ? { after } : {}),
      });
      for (const item of page.items) yield tableRow(item);
      if (!page.next || page.items.length === 0) return;
      after = page.next;
    }
  }

  private async findStream(streamId: string, options: ReadStreamOptions = {}) {
    // every store asked at once (each reads the stream's own events by its index), the first that has it
    // answering: a stream of the last store no longer waits for the others' round trips one after another
    const found = await Promise.all(
      this.runtime.storesInProcess().map(async ({ service, store }) => {
        const events = await store.readStream(streamId, options);
        if (events.length > 0) return { service, events };
        // a stream that exists but has no event before asOf/knownAt still belongs to this store
        if (
          Object.keys(options).length > 0 &&
          (await store.readStream(streamId, { toVersion: 1 })).length > 0
        )
          return { service, events };
        return null;
      }),
    );
    const stream = found.find((f) => f !== null);
    if (!stream) throw new DomainError('STREAM_NOT_FOUND', `No stream ${streamId} in this service`);
    return stream;
  }
}
