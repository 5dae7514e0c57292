import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Inject,
  Injectable,
  Logger,
  Optional,
  type Type,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLATFORM_STATUS_BY_CODE } from './platform.errors';
import { recordProblem } from './problem-coverage';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type StatusByCode,
  bodyParserProblem,
  mergeStatusByCode,
  toProblem,
} from './problem';

// Codes the filters answer without any module's map: the validation pipe's, the body parser's, and a route
// that does not exist.
const GENERIC_STATUS_BY_CODE: StatusByCode = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_UTF8: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNHEALTHY: 503,
  // thrown with their status by the imports' body reader
  JSON_NOT_AN_ARRAY: 400,
};

// Every code a filter of this process can answer with, and its status: the OpenAPI document takes each
// route's codes' statuses from here, so a code nobody mapped cannot be documented.
let declaredStatusByCode: StatusByCode = { ...GENERIC_STATUS_BY_CODE, ...PLATFORM_STATUS_BY_CODE };

/** The status of every error code some filter answers (platform, libs, every module imported so far). */
export const declaredErrorStatuses = (): StatusByCode => declaredStatusByCode;

/**
 * Codes every module may throw, registered by libs, and seen by the global filter as well as every
 * module's own filter. Starts with the platform's codes (auth, idempotency, If-Match, CSV) and the event
 * store's `STALE_VERSION` (412).
 */
@Injectable()
export class ErrorStatusRegistry {
  private statusByCode: StatusByCode = { ...PLATFORM_STATUS_BY_CODE };

  register(statusByCode: StatusByCode): void {
    this.statusByCode = mergeStatusByCode(this.statusByCode, statusByCode);
  }

  get all(): StatusByCode {
    return this.statusByCode;
  }
}

/** Writes a problem+json response with plain Node APIs, so it works before and after Express routing. */
export const sendProblem = (
  response: ServerResponse,
  problem: Problem,
  headers: Record<string, string> = {},
): void => {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.statusCode = problem.status;
  response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  response.end(JSON.stringify(problem));
};

/**
 * Renders every exception as application/problem+json. Registered globally by `configureHttpApp`; a
 * module adds its own codes with {@link problemFilterFor}.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(
    private readonly statusByCode: StatusByCode = {},
    private readonly registry?: ErrorStatusRegistry,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const statusByCode = { ...this.registry?.all, ...this.statusByCode };
    const { problem, headers, unexpected } = toProblem(exception, statusByCode);
    if (unexpected !== undefined) {
      const stack = unexpected instanceof Error ? unexpected.stack : String(unexpected);
      this.logger.error(
        `${request.method} ${request.originalUrl ?? request.url} failed with ${problem.status}`,
        stack,
      );
    }
    recordProblem(request, problem.status, problem.code);
    sendProblem(http.getResponse<ServerResponse>(), problem, headers);
  }
}

/**
 * A filter class for one module's error codes, to put on its controllers:
 *
 * ```ts
 * export const MouProblemFilter = problemFilterFor(statusByCode);
 * @UseFilters(MouProblemFilter) @Controller('v1/mous') export class MouHttpController {}
 * ```
 */
export const problemFilterFor = (statusByCode: StatusByCode): Type<ProblemFilter> => {
  declaredStatusByCode = mergeStatusByCode(declaredStatusByCode, statusByCode);
  @Catch()
  class ModuleProblemFilter extends ProblemFilter {
    constructor(@Optional() @Inject(ErrorStatusRegistry) registry?: ErrorStatusRegistry) {
      super(statusByCode, registry);
    }
  }
  return ModuleProblemFilter;
};

/**
 * Express error middleware for right after the body parsers. Nest turns their errors into a bare
 * 400 (losing "too large" and "malformed"); this hands the filter a precise problem instead.
 */
export const bodyParserErrorMiddleware = (
  error: unknown,
  _request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void => next(bodyParserProblem(error) ?? error);
