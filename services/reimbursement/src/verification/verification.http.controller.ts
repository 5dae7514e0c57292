import { setVersion, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import {
  VerificationReportResponse,
  VerificationReportSummaryResponse,
  VerificationReportVersionResponse,
} from './verification.http.responses';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { IsMouIdPipe, IsPeriodPipe } from '../shared/params';
import { Write, type WriteContext } from '@coe/platform';
import type { VerificationReport } from './verification.events';
import { RecordVerificationReportCommand } from './verification.handlers';
import {
  CorrectVerificationReportRequest,
  SubmitVerificationReportRequest,
  VerificationReportsQuery,
  reportContentOf,
} from './verification.http.requests';
import {
  GetVerificationReportQuery,
  ListVerificationReportsQuery,
  type VerificationReportVersion,
} from './verification.queries';
import type { VerificationReportSummary } from './verification.read-model';

const REPORT_CODES = {
  unprocessable: [
    'MOU_TERMS_NOT_FOUND',
    'VERIFICATION_REPORT_INCOMPLETE',
    'UNKNOWN_ANNEX_C_CATEGORY',
    'UNKNOWN_CATEGORY',
    'DUPLICATE_REPORT_ENTRY',
    'INVALID_DAYS_SERVED',
    'REPORT_BEFORE_PERIOD',
    'UNIT_NOT_DEPLOYED_IN_PERIOD',
    'DAYS_SERVED_REASON_REQUIRED',
    'INVALID_STRENGTH_RANGES',
    'INVALID_ARRIVAL_DATE',
    'EQUIPMENT_COUNT_MISMATCH',
    'EXEMPT_COUNT_EXCEEDS_ABSENT',
    'INCONSISTENT_PROVISION',
    'HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT',
    'HOSTILE_ACTION_LOSS_OTHER_MOU',
    'HOSTILE_ACTION_LOSS_AFTER_PERIOD',
    'HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT',
    'DOCUMENT_NOT_UPLOADED',
  ],
};

@ApiTags('Verification reports')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/verification-reports')
export class VerificationHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteOperation(
    'Submit a verification report',
    'A unit’s month as the COE inspectors verified it: strength, annex B items present and serviceable, annex C categories provided to standard. Checked against the MOU annex version governing the month. What was counted beyond it (strength above the personnel ceiling, items above the MOU quantity, items on a line the annex does not have) is kept and answered in `warnings: [{ code, message, lineId? }]` (STRENGTH_ABOVE_CEILING, COUNT_ABOVE_MOU_QUANTITY, COUNTED_ITEM_NOT_IN_MOU); claims pay only up to the MOU and show the warning on the line.',
    { ...REPORT_CODES, conflict: ['VERIFICATION_REPORT_EXISTS'] },
  )
  @ApiCreated(VerificationReportResponse, '/v1/verification-reports/{mouId}/{period}', 'Recorded (version 1)')
  async submit(
    @Body() body: SubmitVerificationReportRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationReport> {
    const { mouId, period, documents } = body;
    const data = { mouId, period, ...reportContentOf(body), documents };
    const recorded = await this.commands.execute(new RecordVerificationReportCommand(false, data, write));
    setVersion(res, recorded.streamVersion);
    res.location(`/v1/verification-reports/${recorded.report.mouId}/${recorded.report.period}`);
    return recorded.report;
  }

  @Post(':mouId/:period/corrections')
  @WriteOperation(
    'Correct a verification report',
    'Records version n+1 of the report; claims are adjusted from it, never changed.',
    {
      ...REPORT_CODES,
      notFound: ['VERIFICATION_REPORT_NOT_FOUND'],
    },
  )
  @ApiCreated(
    VerificationReportResponse,
    '/v1/verification-reports/{mouId}/{period}',
    'Recorded: version n+1',
  )
  async correct(
    @Param('mouId', IsMouIdPipe) mouId: string,
    @Param('period', IsPeriodPipe) period: string,
    @Body() body: CorrectVerificationReportRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationReport> {
    const data = { mouId, period, ...reportContentOf(body), documents: body.documents, reason: body.reason };
    const recorded = await this.commands.execute(new RecordVerificationReportCommand(true, data, write));
    setVersion(res, recorded.streamVersion);
    res.location(`/v1/verification-reports/${recorded.report.mouId}/${recorded.report.period}`);
    return recorded.report;
  }

  @Get()
  @ReadOperation(
    'Verification reports',
    'The latest and earlier versions of reports, by MOU, mission or month.',
  )
  @ApiOkResponse({ type: [VerificationReportSummaryResponse] })
  list(@Query() query: VerificationReportsQuery): Promise<VerificationReportSummary[]> {
    return this.queries.execute(new ListVerificationReportsQuery(query));
  }

  @Get(':mouId/:period')
  @ReadOperation('A verification report', 'Every version of a unit’s report on a month, oldest first.', {
    notFound: 'VERIFICATION_REPORT_NOT_FOUND',
  })
  @ApiOkResponse({ type: [VerificationReportVersionResponse] })
  get(
    @Param('mouId', IsMouIdPipe) mouId: string,
    @Param('period', IsPeriodPipe) period: string,
  ): Promise<VerificationReportVersion[]> {
    return this.queries.execute(new GetVerificationReportQuery(mouId, period));
  }
}
