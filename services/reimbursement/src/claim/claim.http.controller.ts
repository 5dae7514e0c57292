import {
  type Actor,
  CurrentActor,
  Roles,
  assertSameContributor,
  contributorScope,
  ApiExport,
  sendTables,
  setVersion,
  ApiCreated,
  ApiProblem,
} from '@coe/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ClaimPageResponse, ClaimResponse } from './claim.http.responses';
import { fail } from '../shared/reimbursement.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import type { Page } from '../shared/pagination';
import { uuidPipe } from '../shared/params';
import { Write, type WriteContext } from '@coe/platform';
import {
  AdjustClaimCommand,
  CertifyClaimCommand,
  type ClaimWritten,
  PrepareClaimCommand,
  VoidClaimCommand,
} from './claim.handlers';
import {
  AdjustClaimRequest,
  CertifyClaimRequest,
  ClaimsExportQuery,
  ClaimsQuery,
  PrepareClaimRequest,
  VoidClaimRequest,
} from './claim.http.requests';
import { CLAIMS_CSV_EXAMPLE, claimTables } from './claim.export';
import {
  type ClaimDetail,
  type ClaimSummary,
  type ClaimWithLines,
  ExportClaimsQuery,
  GetClaimQuery,
  ListClaimsQuery,
} from './claim.queries';

const CLAIM_ID = uuidPipe('claimId');
const CALCULATION = ['MOU_TERMS_NOT_FOUND', 'RATE_NOT_IN_FORCE'];

/** A filter limited to a contributor representative's own contributor (another one asked: 403). */
const scoped = <F extends { contributor?: string }>(filter: F, actor: Actor): F => {
  const scope = contributorScope(actor);
  if (scope !== undefined) assertSameContributor(actor, filter.contributor ?? scope);
  return { ...filter, contributor: scope ?? filter.contributor };
};

@ApiTags('Claims and payables')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1')
export class ClaimHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async answer(written: ClaimWritten, res: Response): Promise<ClaimDetail> {
    setVersion(res, written.streamVersion);
    if (written.created) res.status(201).location(`/v1/claims/${written.claimId}`);
    return this.queries.execute(new GetClaimQuery(written.claimId));
  }

  @Post('claims')
  @WriteOperation(
    'Prepare a unit’s monthly claim',
    'Computes the claim from the latest verification report, the MOU annex version governing the month and the rate tables in force on its first day; one line per component, each naming its sources.',
    {
      notFound: ['VERIFICATION_REPORT_NOT_FOUND'],
      conflict: ['CLAIM_EXISTS'],
      unprocessable: [...CALCULATION, 'PERIOD_AFTER_PREPARATION'],
    },
  )
  @ApiCreated(ClaimResponse, '/v1/claims/{claimId}', 'Prepared')
  async prepare(
    @Body() body: PrepareClaimRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(await this.commands.execute(new PrepareClaimCommand(body, write)), res);
  }

  @Post('claims/:claimId/adjustments')
  @HttpCode(200)
  @WriteOperation(
    'Adjust a claim from its corrected report',
    'Recalculates from the latest report version. Before certification: ADJUSTMENT lines on the claim (200). After: a new adjustment claim (201), to be certified and paid like any claim.',
    {
      notFound: ['CLAIM_NOT_FOUND', 'VERIFICATION_REPORT_NOT_FOUND'],
      unprocessable: [
        ...CALCULATION,
        'NOTHING_TO_ADJUST',
        'CLAIM_NOT_ADJUSTABLE',
        'DATED_BEFORE_PREPARATION',
      ],
    },
  )
  @ApiOkResponse({ type: ClaimResponse, description: 'Changed: the claim with its ADJUSTMENT lines' })
  @ApiCreated(ClaimResponse, '/v1/claims/{claimId}', 'Created: the adjustment claim of a certified claim')
  async adjust(
    @Param('claimId', CLAIM_ID) claimId: string,
    @Body() body: AdjustClaimRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(
      await this.commands.execute(new AdjustClaimCommand(claimId, body.adjustedOn, write)),
      res,
    );
  }

  @Post('claims/:claimId/certification')
  @HttpCode(200)
  @WriteOperation(
    'Certify a claim',
    'Makes the claim a payable (ClaimCertified). Four eyes: the certifying officer must not have prepared or adjusted it.',
    {
      notFound: ['CLAIM_NOT_FOUND'],
      forbidden: ['FOUR_EYES_REQUIRED'],
      conflict: ['CLAIM_ALREADY_CERTIFIED', 'CLAIM_VOIDED'],
      unprocessable: ['DATED_BEFORE_PREPARATION', 'NOTHING_TO_CERTIFY'],
    },
  )
  @ApiOkResponse({ type: ClaimResponse, description: 'Changed: certified' })
  async certify(
    @Param('claimId', CLAIM_ID) claimId: string,
    @Body() body: CertifyClaimRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(
      await this.commands.execute(new CertifyClaimCommand(claimId, body.certifiedOn, write)),
      res,
    );
  }

  @Post('claims/:claimId/voiding')
  @HttpCode(200)
  @WriteOperation(
    'Void a claim before certification',
    'Withdraws a wrongly prepared claim, with the reason (ClaimVoided): it is never payable, in no payment run and no payables report, and a claims run’s certification skips it. The unit’s month may then be prepared afresh. A certified claim cannot be voided: a correction becomes an adjustment claim.',
    {
      notFound: ['CLAIM_NOT_FOUND'],
      conflict: ['CLAIM_ALREADY_CERTIFIED', 'CLAIM_VOIDED'],
      unprocessable: ['DATED_BEFORE_PREPARATION', 'VOID_REASON_REQUIRED'],
    },
  )
  @ApiOkResponse({ type: ClaimResponse, description: 'Changed: voided' })
  async void(
    @Param('claimId', CLAIM_ID) claimId: string,
    @Body() body: VoidClaimRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(await this.commands.execute(new VoidClaimCommand(claimId, body, write)), res);
  }

  @Post('payables')
  @HttpCode(410)
  @Roles('finance-officer')
  @ApiOperation({
    summary: 'Retired: record a bare letter of assist or death-and-disability payable',
    description:
      'Retired: an amount typed in with no rule behind it. Letters of assist are paid through `POST /v1/letters-of-assist/{loaId}/invoices` and their certification (never beyond the not-to-exceed amount), death and disability through `POST /v1/death-and-disability-cases` (the standard amount in force). Always 410 PAYABLE_ROUTE_RETIRED, recording nothing.',
    deprecated: true,
  })
  @ApiProblem(410, ['PAYABLE_ROUTE_RETIRED'])
  retiredPayable(): never {
    return fail(
      'PAYABLE_ROUTE_RETIRED',
      'Record a letter-of-assist invoice (/v1/letters-of-assist) or a death-and-disability case (/v1/death-and-disability-cases) instead.',
    );
  }

  @Get('claims')
  @ReadOperation(
    'Claims and payables',
    'By mission, contributor, month, status and origin; paged, by month then reference.',
    {
      scoped: true,
    },
  )
  @ApiOkResponse({ type: ClaimPageResponse })
  list(@Query() query: ClaimsQuery, @CurrentActor() actor: Actor): Promise<Page<ClaimSummary>> {
    const { page, pageSize, ...filter } = query;
    return this.queries.execute(new ListClaimsQuery(scoped(filter, actor), { page, pageSize }));
  }

  @Get('claims/export')
  @ApiExport(CLAIMS_CSV_EXAMPLE)
  @ReadOperation(
    'Claims as CSV or an Excel workbook',
    'Every claim the filters of `GET /v1/claims` select, unpaged, by month then reference. CSV: one row per claim line with what it was computed from (rate-table versions, MOU annex version, verification report version); a claim without lines is one row. xlsx: those rows, and one row per claim with what is paid and owed on it. Amounts are the exact decimal text; a cell a spreadsheet would run as a formula is neutralised. A contributor representative gets only their own contributor’s.',
    { scoped: true },
  )
  async export(
    @Query() query: ClaimsExportQuery,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const { format, ...filter } = query;
    const claims: ClaimWithLines[] = await this.queries.execute(new ExportClaimsQuery(scoped(filter, actor)));
    await sendTables(res, 'claims', format ?? 'csv', claimTables(claims));
  }

  @Get('claims/:claimId')
  @ReadOperation(
    'A claim',
    'Its lines with what each was computed from (`sources`), which rate governs each and why (`rateBasis`), what the verification report counted beyond the MOU (`warnings`), and its adjustment claims.',
    { scoped: true, notFound: 'CLAIM_NOT_FOUND' },
  )
  @ApiOkResponse({ type: ClaimResponse })
  get(@Param('claimId', CLAIM_ID) claimId: string, @CurrentActor() actor: Actor): Promise<ClaimDetail> {
    return this.queries.execute(new GetClaimQuery(claimId, actor));
  }
}
