import { IsMissionCodePipe } from '../shared/params';
import { setVersion } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { money, usd } from '../shared/money';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import type { RateTableValues, RateTableVersionIssued } from './rate-table.events';
import { IssueRateTableVersionCommand } from './rate-table.handlers';
import {
  CashPoolSettingsRequest,
  DeductionThresholdRequest,
  MajorEquipmentRatesRequest,
  MissionFactorsVersionRequest,
  PartMonthRuleRequest,
  PersonnelRatesRequest,
  type RateTableVersionRequest,
  SelfSustainmentRatesRequest,
} from './rate-table.http.requests';
import { GetRateTableQuery, ListRateTablesQuery, type RateTableView } from './rate-table.queries';

const ISSUE = { unprocessable: ['DUPLICATE_RATE_ENTRY', 'RATE_TABLE_KIND_MISMATCH'] };
const pct = (value: string) => money(value).toFixed(2);

@ApiTags('rate tables')
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
  ): Promise<RateTableVersionIssued> {
    const { effectiveFrom, issuedOn } = request;
    const issued = await this.commands.execute(
      new IssueRateTableVersionCommand({ effectiveFrom, issuedOn, values }, write),
    );
    setVersion(response, issued.streamVersion);
    return issued.version;
  }

  @Post('personnel/versions')
  @WriteOperation(
    'Issue personnel rates',
    'A new version of the rate per person per month, from a date.',
    ISSUE,
  )
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
    'The whole table of monthly rates per category, item and lease type.',
    ISSUE,
  )
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
    'The whole table of rates per person per month per category.',
    ISSUE,
  )
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
    'Percentages raising major-equipment and self-sustainment rates.',
    ISSUE,
  )
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
  deductionThreshold(
    @Body() body: DeductionThresholdRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.issue(
      body,
      { kind: 'deduction-threshold', thresholdPct: pct(body.thresholdPct) },
      write,
      res,
    );
  }

  @Post('part-month/versions')
  @WriteOperation('Issue the part-month rule', 'How a month a unit served only in part is pro-rated.', ISSUE)
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

  @Get()
  @ReadOperation('Rate tables', 'Every rate table with all its versions.')
  list(): Promise<RateTableView[]> {
    return this.queries.execute(new ListRateTablesQuery());
  }

  @Get(':tableId')
  @ReadOperation(
    'A rate table',
    'All versions of one table, e.g. `personnel` or `mission-factors-MINUSMA`.',
    {
      notFound: 'RATE_TABLE_NOT_FOUND',
    },
  )
  get(@Param('tableId') tableId: string): Promise<RateTableView> {
    return this.queries.execute(new GetRateTableQuery(tableId));
  }
}
