import {
  BadRequestException,
  HttpStatus,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { DomainError, ProblemException, mergeStatusByCode, problemType, toProblem } from './problem';
import { fieldErrors } from './validation.pipe';

type MouErrorCode = 'MOU_NOT_FOUND' | 'MOU_NOT_NEGOTIABLE';
const statusByCode = {
  MOU_NOT_FOUND: HttpStatus.NOT_FOUND,
  MOU_NOT_NEGOTIABLE: HttpStatus.CONFLICT,
} satisfies Record<MouErrorCode, HttpStatus>;

class CodedLibError extends Error {
  readonly code = 'STALE_VERSION';
}

describe('toProblem', () => {
  it('maps a domain error through the module map, keeping its message and details', () =>
    expect(
      toProblem(new DomainError('MOU_NOT_NEGOTIABLE', 'The MOU is in force', { mouId: 'm-1' }), statusByCode),
    ).toEqual({
      problem: {
        type: 'urn:coe:problem:mou-not-negotiable',
        title: 'Conflict',
        status: 409,
        detail: 'The MOU is in force',
        code: 'MOU_NOT_NEGOTIABLE',
        mouId: 'm-1',
      },
      headers: {},
    }));

  it('maps any coded error a lib throws when its code is registered', () =>
    expect(
      toProblem(new CodedLibError('stale'), { STALE_VERSION: HttpStatus.PRECONDITION_FAILED }).problem,
    ).toMatchObject({
      status: 412,
      code: 'STALE_VERSION',
    }));

  it('keeps the fixed members when details use their names', () =>
    expect(
      toProblem(new DomainError('MOU_NOT_FOUND', 'gone', { status: 200, code: 'X' }), statusByCode).problem,
    ).toMatchObject({
      status: 404,
      code: 'MOU_NOT_FOUND',
    }));

  it('treats an unmapped domain code as a bug: 500, logged, message not leaked', () => {
    const error = new DomainError('SOMETHING_UNMAPPED', 'internal detail');
    const outcome = toProblem(error, statusByCode);
    expect(outcome.problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(outcome.problem.detail).not.toContain('internal detail');
    expect(outcome.unexpected).toBe(error);
  });

  it('hides an unexpected error and asks for it to be logged', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'rows')");
    const outcome = toProblem(error, statusByCode);
    expect(outcome.problem).toEqual({
      type: problemType('INTERNAL_ERROR'),
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      code: 'INTERNAL_ERROR',
    });
    expect(outcome.unexpected).toBe(error);
  });

  it('does not mistake a database error code for a domain code', () =>
    expect(
      toProblem(Object.assign(new Error('duplicate key'), { code: '23505' }), statusByCode).problem.status,
    ).toBe(500));

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'the server stopping (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a connection pg saw end', new Error('Connection terminated unexpectedly')],
  ])('answers 503 DATABASE_UNAVAILABLE, with Retry-After and nothing to log, for %s', (_, error) => {
    const outcome = toProblem(error, statusByCode);
    expect(outcome).toEqual({
      problem: {
        type: problemType('DATABASE_UNAVAILABLE'),
        title: 'Service Unavailable',
        status: 503,
        detail:
          'The database cannot be reached right now; retry later, with the same Idempotency-Key so that the request applies at most once.',
        code: 'DATABASE_UNAVAILABLE',
      },
      headers: { 'Retry-After': '1' },
    });
  });

  it('passes a ProblemException through with its extensions and headers', () =>
    expect(
      toProblem(
        new ProblemException(
          HttpStatus.UNAUTHORIZED,
          'TOKEN_EXPIRED',
          'The token has expired.',
          {},
          { 'WWW-Authenticate': 'Bearer' },
        ),
        {},
      ),
    ).toEqual({
      problem: {
        type: 'urn:coe:problem:token-expired',
        title: 'Unauthorized',
        status: 401,
        detail: 'The token has expired.',
        code: 'TOKEN_EXPIRED',
      },
      headers: { 'WWW-Authenticate': 'Bearer' },
    }));

  it.each([
    [new NotFoundException('Cannot GET /nope'), 404, 'NOT_FOUND'],
    [new BadRequestException('Validation failed (numeric string is expected)'), 400, 'BAD_REQUEST'],
  ])('gives Nest HTTP exceptions a code from their status', (error, status, code) =>
    expect(toProblem(error, {}).problem).toMatchObject({ status, code, detail: error.message }),
  );

  it('does not repeat the message of a 5xx HTTP exception', () => {
    const outcome = toProblem(new ServiceUnavailableException('pool exhausted at 10.0.0.3'), {});
    expect(outcome.problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(outcome.problem.detail).not.toContain('10.0.0.3');
  });

  it.each([
    ['entity.parse.failed', 400, 'MALFORMED_JSON'],
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE'],
    ['charset.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('maps the body parser error %s', (type, status, code) =>
    expect(toProblem(Object.assign(new Error('body'), { type, status }), {}).problem).toMatchObject({
      status,
      code,
    }),
  );
});

describe('a 400 problem', () => {
  it('always has an errors list, empty when no field is to blame', () => {
    expect(toProblem(new ProblemException(400, 'MALFORMED_JSON', 'not JSON'), {}).problem.errors).toEqual([]);
    expect(
      toProblem(new ProblemException(400, 'X', 'bad', { errors: [{ field: 'a', message: 'm' }] }), {}).problem
        .errors,
    ).toEqual([{ field: 'a', message: 'm' }]);
    expect(toProblem(new ProblemException(409, 'Y', 'conflict'), {}).problem).not.toHaveProperty('errors');
  });
});

describe('mergeStatusByCode', () => {
  it('merges maps that agree', () =>
    expect(mergeStatusByCode({ A: 404 }, { A: 404, B: 409 })).toEqual({ A: 404, B: 409 }));

  it('refuses a code mapped to two statuses', () =>
    expect(() => mergeStatusByCode({ A: 404 }, { A: 409 })).toThrow('A'));
});

class Line {
  @IsInt() @Min(1) quantity!: number;
}
class Claim {
  @IsString() ref!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

describe('fieldErrors', () => {
  it('names nested fields with paths like lines[1].quantity', () => {
    const claim = plainToInstance(Claim, { ref: 7, lines: [{ quantity: 2 }, { quantity: 0 }] });
    expect(fieldErrors(validateSync(claim))).toEqual([
      { field: 'ref', message: 'ref must be a string' },
      { field: 'lines[1].quantity', message: 'quantity must not be less than 1' },
    ]);
  });
});
