import { Write, type WriteContext, setVersion } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { IsMouIdPipe } from '../shared/params';
import type { PremiumGranted } from './premium.events';
import { GrantPremiumCommand, PremiumGrantsQuery } from './premium.handlers';
import { GrantPremiumRequest } from './premium.http.requests';

@ApiTags('Claims and payables')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/mous/:mouId/premiums')
export class PremiumHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteOperation(
    'Grant a premium to a unit',
    'Resolution 67/261: a risk or key-enabler premium, a percentage of the unit’s personnel reimbursement for a period, shown as its own claim line.',
    {
      conflict: ['PREMIUM_OVERLAPS'],
      unprocessable: ['INVALID_PREMIUM_PERIOD', 'PREMIUM_ABOVE_CAP'],
    },
  )
  async grant(
    @Param('mouId', IsMouIdPipe) mouId: string,
    @Body() body: GrantPremiumRequest,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PremiumGranted> {
    const { kind, pct, fromOn, toOn, grantedOn, reference } = body;
    const written = await this.commands.execute(
      new GrantPremiumCommand({ mouId, kind, pct, fromOn, toOn, grantedOn, reference }, write),
    );
    setVersion(res, written.streamVersion);
    return written.grant;
  }

  @Get()
  @ReadOperation('A unit’s premiums', 'Every premium granted to the unit, by start date.')
  list(@Param('mouId', IsMouIdPipe) mouId: string): Promise<PremiumGranted[]> {
    return this.queries.execute(new PremiumGrantsQuery(mouId));
  }
}
