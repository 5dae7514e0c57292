import { Write, type WriteContext, setVersion, ApiCreated } from '@coe/platform';
import { Body, Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { ReadOperation, WriteOperation } from '../shared/openapi';
import { IsMouIdPipe } from '../shared/params';
import type { PremiumGranted } from './premium.events';
import { GrantPremiumCommand, PremiumGrantsQuery } from './premium.handlers';
import { GrantPremiumRequest } from './premium.http.requests';

class PremiumResponse implements PremiumGranted {
  @ApiProperty({ example: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b' }) grantId!: string;
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ enum: ['risk', 'key-enabler'] }) kind!: PremiumGranted['kind'];
  @ApiProperty({ example: '10.00', description: 'Percentage of the personnel reimbursement' }) pct!: string;
  @ApiProperty({ example: '2019-07-01', description: 'First service day covered' }) fromOn!: string;
  @ApiProperty({ example: '2019-12-31', description: 'Last service day covered' }) toOn!: string;
  @ApiProperty({ example: '2019-06-20' }) grantedOn!: string;
  @ApiProperty({ example: 'officer-a' }) grantedBy!: string;
  @ApiProperty({ example: 'DOS memo 2019/114', description: 'The decision granting it' }) reference!: string;
}

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
  @ApiCreated(PremiumResponse, '/v1/mous/{mouId}/premiums', 'Granted')
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
    res.location(`/v1/mous/${mouId}/premiums`);
    return written.grant;
  }

  @Get()
  @ReadOperation('A unit’s premiums', 'Every premium granted to the unit, by start date.')
  @ApiOkResponse({ type: [PremiumResponse] })
  list(@Param('mouId', IsMouIdPipe) mouId: string): Promise<PremiumGranted[]> {
    return this.queries.execute(new PremiumGrantsQuery(mouId));
  }
}
