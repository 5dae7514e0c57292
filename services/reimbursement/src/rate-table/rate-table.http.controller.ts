import { IsMissionCodePipe, IsMouIdPipe } from '../shared/params';
import { setVersion, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, Param, ParseIntPipe, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import {
  AffectedClaimResponse,
  IssuedRateTableVersionResponse,
  RateTableResponse,
} from './rate-table.http.responses';
import { money, usd } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import type { AffectedClaim } from '../claim/claim.retroactive';
import type { RateTableValues, RateTableVersionIssued } from './rate-table.events';
import { IssueRateTableVersionCommand } from './rate-table.handlers';
import {
  CashPoolSettingsRequest,
  ClaimEligibilityRequest,
  DeathAndDisabilityRatesRequest,
  DeductionExemptionsRequest,
  DeductionThresholdRequest,
  HostileActionThresholdRequest,
  IncrementalTransportRequest,
  IncrementalTransportRuleRequest,
  MissionFactorCapsRequest,
  SelfSustainmentPartialRequest,
  MajorEquipmentRatesRequest,
  MissionFactorsVersionRequest,
  PartMonthRuleRequest,
  PersonnelRatesRequest,
  PremiumCapsRequest,
  type RateTableVersionRequest,
  SelfSustainmentRatesRequest,
} from './rate-table.http.requests';
import {
  AffectedClaimsQuery,
  GetRateTableQuery,
  ListRateTablesQuery,
  type RateTableView,
} from './rate-table.queries';

/** The version issued, and the certified claims it changes (a version effective in the past). */
type IssuedRateTableVersion = RateTableVersionIssued & { affectedClaims: AffectedClaim[] };

const ISSUE = { unprocessable: ['DUPLICATE_RATE_ENTRY', 'RATE_TABLE_KIND_MISMATCH'] };
// categories are codes of GET /v1/reference/coe-codes, matched exactly against MOU annexes
const CODED = { unprocessable: [...ISSUE.unprocessable, 'UNKNOWN_CATEGORY'] };
// and items are item codes of their category
const EQUIPMENT_CODED = { unprocessable: [...CODED.unprocessable, 'UNKNOWN_ITEM'] };
const pct = (value: string) => money(value).toFixed(2);

@ApiTags('Rate tables')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/rate-tables')
export class RateTableHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async issue(
    request: RateTableVersionRequest,
    values: RateTableValues,
    write: WriteContext,
    response: Response,
  ): Promise<IssuedRateTableVersion> {
    const { effectiveFrom, issuedOn } = request;
    const issued = await this.commands.execute(
      new IssueRateTableVersionCommand({ effectiveFrom, issuedOn, values }, write),
    );
    setVersion(response, issued.streamVersion);
    response.location(`/v1/rate-tables/${issued.version.tableId}`);
    return { ...issued.version, affectedClaims: issued.affectedClaims };
  }

  @Post('personnel/versions')
  @WriteOperation(
    'Issue personnel rates',
    'A new version of the rate per person per month, from a date.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  personnel(
    @Body() body: PersonnelRatesRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      { kind: 'personnel', ratePerPersonMonthUsd: usd(money(body.ratePerPersonMonthUsd)) },
      write,
      res,
    );
  }

  @Post('major-equipment/versions')
  @WriteOperation(
    'Issue major-equipment rates',
    'The whole table of monthly rates per category code, item code and lease type.',
    EQUIPMENT_CODED,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  majorEquipment(
    @Body() body: MajorEquipmentRatesRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const items = body.items.map((i) => ({ ...i, monthlyRateUsd: usd(money(i.monthlyRateUsd)) }));
    return this.issue(body, { kind: 'major-equipment', items }, write, res);
  }

  @Post('self-sustainment/versions')
  @WriteOperation(
    'Issue self-sustainment rates',
    'The whole table of rates per person per month per category code.',
    CODED,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  selfSustainment(
    @Body() body: SelfSustainmentRatesRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const categories = body.categories.map((c) => ({
      ...c,
      ratePerPersonMonthUsd: usd(money(c.ratePerPersonMonthUsd)),
    }));
    return this.issue(body, { kind: 'self-sustainment', categories }, write, res);
  }

  @Post('mission-factors/:mission/versions')
  @WriteOperation(
    'Issue a mission’s factors',
    'Percentages raising major-equipment and self-sustainment rates; each at most the cap in force on `effectiveFrom`.',
    { unprocessable: [...ISSUE.unprocessable, 'MISSION_FACTOR_ABOVE_CAP'] },
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  missionFactors(
    @Param('mission', IsMissionCodePipe) mission: string,
    @Body() body: MissionFactorsVersionRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'mission-factors',
        mission,
        extremeEnvironmentPct: pct(body.extremeEnvironmentPct),
        intensifiedOperationalConditionPct: pct(body.intensifiedOperationalConditionPct),
        hostileActionPct: pct(body.hostileActionPct),
      },
      write,
      res,
    );
  }

  @Post('deduction-threshold/versions')
  @WriteOperation(
    'Issue the 67/261 threshold',
    'The share of major equipment that may be missing before personnel pay is cut.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  deductionThreshold(
    @Body() body: DeductionThresholdRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'deduction-threshold',
        thresholdPct: pct(body.thresholdPct),
        ...(body.basis ? { basis: body.basis } : {}),
      },
      write,
      res,
    );
  }

  @Post('deduction-exemptions/versions')
  @WriteOperation(
    'Issue the 67/261 exemptions',
    'Which missing equipment is not counted against the contributor: unserviceable dry-lease items, hostile-action losses, items the UN asked not to deploy.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  deductionExemptions(
    @Body() body: DeductionExemptionsRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { dryLeaseUnserviceable, hostileActionLoss, notDeployedAtUnRequest } = body;
    return this.issue(
      body,
      { kind: 'deduction-exemptions', dryLeaseUnserviceable, hostileActionLoss, notDeployedAtUnRequest },
      write,
      res,
    );
  }

  @Post('mission-factor-caps/versions')
  @WriteOperation(
    'Issue the mission-factor caps',
    'The most each mission factor may be; mission-factor tables above it are refused, MOU factors above it paid at it.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  missionFactorCaps(
    @Body() body: MissionFactorCapsRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'mission-factor-caps',
        extremeEnvironmentPct: pct(body.extremeEnvironmentPct),
        intensifiedOperationalConditionPct: pct(body.intensifiedOperationalConditionPct),
        hostileActionPct: pct(body.hostileActionPct),
      },
      write,
      res,
    );
  }

  @Post('incremental-transport-rule/versions')
  @WriteOperation(
    'Issue the incremental transportation rule',
    'A percentage per whole step of distance beyond the first kilometres from the port of embarkation, and the components it raises.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  incrementalTransportRule(
    @Body() body: IncrementalTransportRuleRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { stepKm, freeKm, appliesToMajorEquipment, appliesToSelfSustainment } = body;
    return this.issue(
      body,
      {
        kind: 'incremental-transport-rule',
        pctPerStep: pct(body.pctPerStep),
        ...{ stepKm, freeKm, appliesToMajorEquipment, appliesToSelfSustainment },
      },
      write,
      res,
    );
  }

  @Post('incremental-transport/:mouId/versions')
  @WriteOperation(
    'Issue an MOU’s incremental transportation',
    'The unit’s distance from the port of embarkation (the rule in force gives the percentage) or a set percentage; table `incremental-transport-<mouId>`.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  incrementalTransport(
    @Param('mouId', IsMouIdPipe) mouId: string,
    @Body() body: IncrementalTransportRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'incremental-transport',
        mouId,
        distanceKm: body.pct === undefined ? (body.distanceKm ?? 0) : null,
        pct: body.pct === undefined ? null : pct(body.pct),
      },
      write,
      res,
    );
  }

  @Post('self-sustainment-partial/versions')
  @WriteOperation(
    'Issue the partial self-sustainment rule',
    'The share of a category’s rate paid when the report says it was provided in part.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  selfSustainmentPartial(
    @Body() body: SelfSustainmentPartialRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(body, { kind: 'self-sustainment-partial', paidPct: pct(body.paidPct) }, write, res);
  }

  @Post('part-month/versions')
  @WriteOperation('Issue the part-month rule', 'How a month a unit served only in part is pro-rated.', ISSUE)
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  partMonth(
    @Body() body: PartMonthRuleRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(body, { kind: 'part-month', rule: body.rule }, write, res);
  }

  @Post('cash-pool/versions')
  @WriteOperation(
    'Issue cash-pool settings',
    'Whether missions’ cash is pooled (resolution 73/307) and the operating reserve.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  cashPool(
    @Body() body: CashPoolSettingsRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'cash-pool',
        pooled: body.pooled,
        operatingReservePct: pct(body.operatingReservePct),
        ...(body.closingMissionsPool === undefined ? {} : { closingMissionsPool: body.closingMissionsPool }),
      },
      write,
      res,
    );
  }

  @Post('claim-eligibility/versions')
  @WriteOperation(
    'Issue the claim-eligibility rule',
    'Whether troop costs and contingent-owned equipment are paid for service before the MOU is signed.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  claimEligibility(
    @Body() body: ClaimEligibilityRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { personnelBeforeSignature, equipmentBeforeSignature } = body;
    return this.issue(
      body,
      { kind: 'claim-eligibility', personnelBeforeSignature, equipmentBeforeSignature },
      write,
      res,
    );
  }

  @Post('premium-caps/versions')
  @WriteOperation(
    'Issue the premium caps',
    'Resolution 67/261: the highest risk and key-enabler premiums.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  premiumCaps(
    @Body() body: PremiumCapsRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      {
        kind: 'premium-caps',
        riskMaxPct: pct(body.riskMaxPct),
        keyEnablerMaxPct: pct(body.keyEnablerMaxPct),
      },
      write,
      res,
    );
  }

  @Post('death-and-disability/versions')
  @WriteOperation(
    'Issue the death-and-disability standard amount',
    'The amount for a death in force from a date (by the date of the incident); a disability is paid as its degree of it.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  deathAndDisability(
    @Body() body: DeathAndDisabilityRatesRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const standardAmountUsd = usd(money(body.standardAmountUsd));
    return this.issue(body, { kind: 'death-and-disability', standardAmountUsd }, write, res);
  }

  @Post('hostile-action-threshold/versions')
  @WriteOperation(
    'Issue the hostile-action liability threshold',
    'Resolution 50/222: the UN is liable for one incident’s losses when their total GFMV reaches it.',
    ISSUE,
  )
  @ApiCreated(IssuedRateTableVersionResponse, '/v1/rate-tables/{tableId}', 'Issued')
  hostileActionThreshold(
    @Body() body: HostileActionThresholdRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const thresholdUsd = usd(money(body.thresholdUsd));
    return this.issue(body, { kind: 'hostile-action-threshold', thresholdUsd }, write, res);
  }

  @Get()
  @ReadOperation('Rate tables', 'Every rate table with all its versions.')
  @ApiOkResponse({ type: [RateTableResponse] })
  list(): Promise<RateTableView[]> {
    return this.queries.execute(new ListRateTablesQuery());
  }

  @Get(':tableId/versions/:version/affected-claims')
  @ReadOperation(
    'Claims a rate version changes',
    'The certified claims of months the version governs now that were computed from another version: recalculate each with POST /v1/claims/{claimId}/adjustments, which prepares an adjustment claim whose lines name the old and the new version (`adjustsSources`, `sources`).',
    { notFound: 'RATE_TABLE_NOT_FOUND' },
  )
  @ApiOkResponse({ type: [AffectedClaimResponse] })
  affectedClaims(
    @Param('tableId') tableId: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<AffectedClaim[]> {
    return this.queries.execute(new AffectedClaimsQuery(tableId, version));
  }

  @Get(':tableId')
  @ReadOperation(
    'A rate table',
    'All versions of one table, e.g. `personnel` or `mission-factors-MINUSMA`.',
    {
      notFound: 'RATE_TABLE_NOT_FOUND',
    },
  )
  @ApiOkResponse({ type: RateTableResponse })
  get(@Param('tableId') tableId: string): Promise<RateTableView> {
    return this.queries.execute(new GetRateTableQuery(tableId));
  }
}
