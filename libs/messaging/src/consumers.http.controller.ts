import { DomainError, problemFilterFor, Roles, ApiProblem } from '@coe/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { MessagingRuntime } from './messaging.runtime';

export class RetryParkedRequest {
  @ApiPropertyOptional({ description: "Retry only this parked event; all of the consumer's otherwise" })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

/** What a retry of parked events did. */
export class RetriedParkedResponse {
  @ApiProperty({ example: 2, description: 'Parked events applied this time' }) retried!: number;
  @ApiProperty({ example: 0, description: 'Parked events that failed again and stay parked' })
  stillFailing!: number;
}

class ConsumerResponse {
  @ApiProperty({ example: 'projections.payables' }) name!: string;
  @ApiProperty({ example: 0, description: 'Events it parked after failing on them' }) parked!: number;
  @ApiProperty({ example: true }) healthy!: boolean;
  @ApiPropertyOptional({ example: '2 events parked' }) detail?: string;
}

type ConsumerErrorCode = 'CONSUMER_NOT_FOUND';
const statusByCode = { CONSUMER_NOT_FOUND: HttpStatus.NOT_FOUND } satisfies Record<
  ConsumerErrorCode,
  HttpStatus
>;

/** The operator's view of projections and policies: what is parked, and the command that retries it. */
@ApiTags('Operations')
@Roles('admin')
@Controller('v1/admin/consumers')
@UseFilters(problemFilterFor(statusByCode))
export class ConsumersController {
  constructor(private readonly runtime: MessagingRuntime) {}

  @Get()
  @ApiOperation({
    summary: 'Consumers (projections, policies) of this process, with their parked events. Roles: admin.',
  })
  @ApiOkResponse({ type: [ConsumerResponse] })
  list() {
    return this.runtime.consumerStatus();
  }

  @Post(':name/retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-applies parked events of a consumer; each leaves the dead letters when it succeeds. Roles: admin.',
  })
  @ApiOkResponse({ type: RetriedParkedResponse })
  @ApiProblem(404, ['CONSUMER_NOT_FOUND'])
  async retry(@Param('name') name: string, @Body() body: RetryParkedRequest) {
    const result = await this.runtime.retryParked(name, body.eventId);
    if (!result)
      throw new DomainError('CONSUMER_NOT_FOUND', `No consumer named ${name} runs in this process`);
    return result;
  }
}
