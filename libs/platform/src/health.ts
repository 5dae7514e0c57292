import { Controller, Get, HttpStatus, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from './api-operations';
import { Public } from './actor';
import { ProblemException } from './problem';

export type HealthCheckResult = { ok: boolean; detail?: string };
export type HealthCheck = () => Promise<HealthCheckResult>;
export type HealthReport = { status: 'ok' | 'failing'; checks: Record<string, HealthCheckResult> };

// A check that hangs (a database that stopped answering) must not hang the probe.
const CHECK_TIMEOUT_MS = 3000;

const runCheck = async (check: HealthCheck): Promise<HealthCheckResult> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
};

class LiveResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class HealthResponse {
  @ApiProperty({ enum: ['ok', 'failing'] }) status!: 'ok' | 'failing';
  @ApiProperty({
    description: 'Each check by name: ok, and a detail when it fails',
    additionalProperties: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, detail: { type: 'string' } },
      required: ['ok'],
    },
    example: { database: { ok: true }, consumers: { ok: true } },
  })
  checks!: Record<string, HealthCheckResult>;
}

/** Named readiness checks; any module registers its own (database, relay lag, parked events...). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    if (this.checks.has(name)) throw new Error(`Health check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, result]) => result.ok) ? 'ok' : 'failing', checks };
  }
}

@ApiTags('Operations')
@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /**
   * Liveness, for a container's health check or an orchestrator's livenessProbe: answering at all is the
   * proof. It never runs the readiness checks, so a parked event or a dependency that is down (which
   * restarting this process would not fix) does not get a healthy process killed.
   */
  @Get('health/live')
  @Public()
  @ApiOperation({ summary: 'Liveness: 200 while the process can serve at all' })
  @ApiOkResponse({ type: LiveResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Readiness: 200 when every check passes, 503 listing the failing ones' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiProblem(503, ['UNHEALTHY'], 'with the checks')
  async health(): Promise<HealthReport> {
    const report = await this.registry.report();
    if (report.status === 'ok') return report;
    const failing = Object.keys(report.checks).filter((name) => !report.checks[name]?.ok);
    throw new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'UNHEALTHY',
      `Failing checks: ${failing.join(', ')}.`,
      {
        checks: report.checks,
      },
    );
  }
}
