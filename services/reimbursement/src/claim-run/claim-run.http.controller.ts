import { ApiExport, sendTables, setVersion, Write, type WriteContext, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ClaimRunResponse, ClaimRunSummaryResponse } from './claim-run.http.responses';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { uuidPipe } from '../shared/params';
import { fail } from '../shared/reimbursement.errors';
import { CertifyClaimRunCommand, type ClaimRunWritten, RunMonthlyClaimsCommand } from './claim-run.handlers';
import { CLAIMS_CSV_EXAMPLE, claimTables } from '../claim/claim.export';
import { ClaimRunClaimsExportQuery } from '../claim/claim.http.requests';
import { type ClaimWithLines, ExportClaimsQuery } from '../claim/claim.queries';
import { CertifyClaimRunRequest, ClaimRunsQuery, RunMonthlyClaimsRequest } from './claim-run.http.requests';
import {
  type ClaimRunDetail,
  type ClaimRunSummary,
  listClaimRuns,
  loadClaimRun,
} from './claim-run.read-model';

const RUN_ID = uuidPipe('runId');

@ApiTags('Claims and payables')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/claim-runs')
export class ClaimRunHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly db: ReimbursementDatabase,
  ) {}

  private async answer(written: ClaimRunWritten, res: Response): Promise<ClaimRunDetail> {
    setVersion(res, written.streamVersion);
    return this.detail(written.runId);
  }

  @Post()
  @WriteOperation(
    'Run the month’s claims',
    'Prepares the claim of every unit of a mission (or of all missions) for a month, as `POST /v1/claims` would for each, in batches of 50 units per transaction (`GET /v1/claim-runs/{runId}` shows the progress meanwhile). A unit already claimed for the month is counted as such, so a repeated run changes nothing; a unit that cannot be claimed is listed in `exceptions` with the code and reason a single claim would answer (VERIFICATION_REPORT_NOT_FOUND, RATE_NOT_IN_FORCE, MOU_TERMS_NOT_FOUND, …).',
    { unprocessable: ['PERIOD_AFTER_PREPARATION'] },
  )
  @ApiCreated(ClaimRunResponse, '/v1/claim-runs/{runId}', 'Run')
  async run(
    @Body() body: RunMonthlyClaimsRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClaimRunDetail> {
    const data = { period: body.period, mission: body.mission ?? null, preparedOn: body.preparedOn };
    const written = await this.commands.execute(new RunMonthlyClaimsCommand(data, write));
    res.status(201).location(`/v1/claim-runs/${written.runId}`);
    return this.answer(written, res);
  }

  @Post(':runId/certification')
  @HttpCode(200)
  @WriteOperation(
    'Certify a run’s claims',
    'Certifies, in one transaction, every claim the run prepared that still awaits certification. Four eyes: the officer who ran it may not (403); a claim this officer adjusted is skipped and listed.',
    {
      notFound: ['CLAIM_RUN_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['CLAIM_RUN_INCOMPLETE'],
      unprocessable: ['DATED_BEFORE_PREPARATION', 'NOTHING_TO_CERTIFY'],
    },
  )
  @ApiOkResponse({ type: ClaimRunResponse, description: 'Changed: its claims certified' })
  async certify(
    @Param('runId', RUN_ID) runId: string,
    @Body() body: CertifyClaimRunRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClaimRunDetail> {
    return this.answer(
      await this.commands.execute(new CertifyClaimRunCommand(runId, body.certifiedOn, write)),
      res,
    );
  }

  @Get()
  @ReadOperation('Monthly claims runs', 'Newest month first.')
  @ApiOkResponse({ type: [ClaimRunSummaryResponse] })
  list(@Query() query: ClaimRunsQuery): Promise<ClaimRunSummary[]> {
    return listClaimRuns(this.db.pool, this.db.schema, query);
  }

  @Get(':runId')
  @ReadOperation(
    'A monthly claims run',
    'Its progress, its outcome per unit, and the units it could not claim and why.',
    {
      notFound: 'CLAIM_RUN_NOT_FOUND',
    },
  )
  @ApiOkResponse({ type: ClaimRunResponse })
  get(@Param('runId', RUN_ID) runId: string): Promise<ClaimRunDetail> {
    return this.detail(runId);
  }

  @Get(':runId/claims/export')
  @ApiExport(CLAIMS_CSV_EXAMPLE)
  @ReadOperation(
    'The claims a run prepared, as CSV or an Excel workbook',
    'As `GET /v1/claims/export`, for the claims this run prepared (not those it found already claimed).',
    { notFound: 'CLAIM_RUN_NOT_FOUND' },
  )
  async exportClaims(
    @Param('runId', RUN_ID) runId: string,
    @Query() query: ClaimRunClaimsExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const run = await this.detail(runId);
    const claimIds = run.outcomes.flatMap((o) => (o.outcome === 'prepared' ? [o.claimId] : []));
    const claims: ClaimWithLines[] = await this.queries.execute(new ExportClaimsQuery({ claimIds }));
    await sendTables(res, `claims-${run.period}-run-${runId}`, query.format ?? 'csv', claimTables(claims));
  }

  private async detail(runId: string): Promise<ClaimRunDetail> {
    return (
      (await loadClaimRun(this.db.pool, this.db.schema, runId)) ??
      fail('CLAIM_RUN_NOT_FOUND', `No claims run ${runId}.`)
    );
  }
}
