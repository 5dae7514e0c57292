import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from './database-unavailable';

export type FieldError = { field: string; message: string };

/** An RFC 9457 problem details body; `code` is this API's stable, SCREAMING_SNAKE_CASE error code. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

/** Error code -> HTTP status; declare it `satisfies Record<YourErrorCode, HttpStatus>` to keep it exhaustive. */
export type StatusByCode = Readonly<Record<string, HttpStatus>>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Base class for errors raised by domain code (deciders, handlers). Carries a stable code; the HTTP
 * status is decided per module by a {@link StatusByCode} map, never by the domain.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An HTTP-layer error that is already a problem: thrown by `*.http.*` files, guards and pipes. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail, status);
    this.name = 'ProblemException';
  }
}

/** A 400 listing every invalid field; what the validation pipe throws. */
export class ValidationProblemException extends ProblemException {
  constructor(readonly errors: FieldError[]) {
    super(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is invalid; see errors.', { errors });
  }
}

const codeByStatus: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The problem type URI of a code: one stable identifier per code, as RFC 9457 asks. */
export const problemType = (code: string): string =>
  `urn:coe:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export const problem = (
  status: number,
  code: string,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): Problem => ({
  // CONTRACT.md section 3: a 400 always lists field errors, if only an empty list.
  ...(status === 400 && { errors: [] }),
  ...extensions,
  type: problemType(code),
  title: STATUS_CODES[status] ?? 'Error',
  status,
  detail,
  code,
});

/** A problem and, for failures that are ours rather than the client's, the error to log. */
export type ProblemOutcome = { problem: Problem; headers: Record<string, string>; unexpected?: unknown };

/** Errors carrying a string `code`: DomainError, and the coded errors libs throw (e.g. the event store's). */
const codeOf = (error: unknown): string | undefined => {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/**
 * The problem for an error of body-parser (Express's body parsing), recognised by its `type`, or
 * undefined for any other error. https://github.com/expressjs/body-parser#errors
 */
export const bodyParserProblem = (error: unknown): ProblemException | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, message } = error as { type?: unknown; message?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return new ProblemException(
        400,
        'MALFORMED_JSON',
        `The request body is not valid JSON: ${String(message)}`,
      );
    case 'entity.too.large':
      return new ProblemException(
        413,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than this route accepts.',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemException(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body encoding or charset is not supported.',
      );
    case 'entity.verify.failed':
      return new ProblemException(
        400,
        String((error as { problemCode?: unknown }).problemCode ?? 'BAD_REQUEST'),
        String(message),
        { errors: [{ field: 'body', message: String(message) }] },
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return new ProblemException(400, 'BAD_REQUEST', 'The request body could not be read completely.');
    default:
      return undefined;
  }
};

/**
 * Turns anything thrown while handling a request into a problem. `statusByCode` decides the status of
 * coded errors; a coded error missing from it is a bug (every code must be mapped), so it is a 500.
 */
export const toProblem = (thrown: unknown, statusByCode: StatusByCode): ProblemOutcome => {
  const error = bodyParserProblem(thrown) ?? thrown;
  if (error instanceof ProblemException) {
    return {
      problem: problem(error.getStatus(), error.code, error.message, error.extensions),
      headers: { ...error.headers },
    };
  }
  const code = codeOf(error);
  if (code !== undefined && Object.prototype.hasOwnProperty.call(statusByCode, code)) {
    // a lib's coded error (e.g. the event store's STALE_VERSION) may carry details as a DomainError does
    const carried = (error as { details?: unknown }).details;
    const details =
      error instanceof DomainError
        ? (error.details ?? {})
        : typeof carried === 'object' && carried !== null
          ? (carried as Record<string, unknown>)
          : {};
    return { problem: problem(statusByCode[code]!, code, (error as Error).message, details), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      // Nest's own 4xx messages ("Cannot GET /x") are written for clients.
      return { problem: problem(status, codeByStatus[status] ?? 'BAD_REQUEST', error.message), headers: {} };
    }
    const code = codeByStatus[status] ?? 'INTERNAL_ERROR';
    return {
      problem: problem(status, code, 'The service could not handle the request.'),
      headers: {},
      unexpected: error,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // an outage, not a bug: the client may retry (with the same Idempotency-Key) once it is over
    return {
      problem: problem(
        503,
        'DATABASE_UNAVAILABLE',
        'The database cannot be reached right now; retry later, with the same Idempotency-Key so that the request applies at most once.',
      ),
      headers: { 'Retry-After': '1' },
    };
  }
  return {
    problem: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.'),
    headers: {},
    unexpected: error,
  };
};

/** A single status map from several; a code mapped twice to different statuses is a programming error. */
export const mergeStatusByCode = (...maps: StatusByCode[]): StatusByCode => {
  const merged: Record<string, HttpStatus> = {};
  for (const map of maps) {
    for (const [code, status] of Object.entries(map)) {
      if (merged[code] !== undefined && merged[code] !== status) {
        throw new Error(`Error code ${code} is mapped to both ${merged[code]} and ${status}`);
      }
      merged[code] = status;
    }
  }
  return merged;
};
