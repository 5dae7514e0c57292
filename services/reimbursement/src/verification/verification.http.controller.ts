import { setVersion } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
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
    'UNKNOWN_ANNEX_B_LINE',
    'UNKNOWN_ANNEX_C_CATEGORY',
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
    'DOCUMENT_NOT_FOUND',
  ],
};

@ApiTags('verification reports')
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
    'A unit’s month as the COE inspectors verified it: strength, annex B items present and serviceable, annex C categories provided to standard. Checked against the MOU annex version governing the month.',
    { ...REPORT_CODES, conflict: ['VERIFICATION_REPORT_EXISTS'] },
  )
  async submit(
    @Body() body: SubmitVerificationReportRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationReport> {
    const { mouId, period, documents } = body;
    const data = { mouId, period, ...reportContentOf(body), documents };
    const recorded = await this.commands.execute(new RecordVerificationReportCommand(false, data, write));
    setVersion(res, recorded.streamVersion);
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
    return recorded.report;
  }

  @Get()
  @ReadOperation(
    'Verification reports',
    'The latest and earlier versions of reports, by MOU, mission or month.',
  )
  list(@Query() query: VerificationReportsQuery): Promise<VerificationReportSummary[]> {
    return this.queries.execute(new ListVerificationReportsQuery(query));
  }

  @Get(':mouId/:period')
  @ReadOperation('A verification report', 'Every version of a unit’s report on a month, oldest first.', {
    notFound: 'VERIFICATION_REPORT_NOT_FOUND',
  })
  get(
    @Param('mouId', IsMouIdPipe) mouId: string,
    @Param('period', IsPeriodPipe) period: string,
  ): Promise<VerificationReportVersion[]> {
    return this.queries.execute(new GetVerificationReportQuery(mouId, period));
  }
}
