import { HttpCode, HttpStatus, applyDecorators } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
} from '@nestjs/swagger';

// How the services document their routes. The platform adds the rest when it builds the document: each
// operation's "Roles:" line and x-roles (from @Roles), and the Idempotency-Key header of every POST.

/** Problem codes a route may answer, by status; VALIDATION_FAILED (400) is always listed. */
export type ProblemCodes = {
  badRequest?: string[];
  forbidden?: string[];
  notFound?: string[];
  conflict?: string[];
  unprocessable?: string[];
};

export const CONTRIBUTOR_SCOPE_NOTE =
  'A contributor representative sees their own contributor’s data only (403 CONTRIBUTOR_SCOPE otherwise).';

const problems = (codes: string[]): string => `problem+json with code ${codes.join(', ')}`;

/** The extension listing a response's problem codes; the document builder gives it the problem+json schema. */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

/**
 * A 4xx (or 5xx) answer of the route, with the problem codes it can carry. The document gives it the
 * problem+json schema with `code` limited to these codes; each code must be mapped to `status` by some
 * module's error map (the document walk test checks it).
 */
export const ApiProblem = (status: number, codes: string[], description?: string): MethodDecorator =>
  ApiResponse({
    status,
    description: description ? `${problems(codes)}: ${description}` : problems(codes),
    [ERROR_CODES_EXTENSION]: codes,
  } as Parameters<typeof ApiResponse>[0]);

const problemResponses = (codes: ProblemCodes): MethodDecorator[] => [
  ApiProblem(400, ['VALIDATION_FAILED', ...(codes.badRequest ?? [])]),
  ...(codes.forbidden ? [ApiProblem(403, codes.forbidden)] : []),
  ...(codes.notFound ? [ApiProblem(404, codes.notFound)] : []),
  ...(codes.conflict ? [ApiProblem(409, codes.conflict)] : []),
  ...(codes.unprocessable ? [ApiProblem(422, codes.unprocessable)] : []),
];

/** A POST recording a fact: summary, the If-Match and correlation headers, and its problem codes. */
export const ApiWrite = (summary: string, description: string, codes: ProblemCodes = {}): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag read (e.g. `"3"`); 412 STALE_VERSION when the aggregate changed since.',
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Recorded with the events; a fresh UUID when absent.',
    }),
    ...problemResponses({ ...codes, badRequest: [...(codes.badRequest ?? []), 'INVALID_IF_MATCH'] }),
    ApiProblem(412, ['STALE_VERSION'], 'with expectedVersion and currentVersion'),
    ApiProblem(415, ['UNSUPPORTED_MEDIA_TYPE'], 'a body that is not application/json (text/csv on imports)'),
  );

/** A GET; `scoped` when a contributor representative may call it for their own contributor. */
export const ApiRead = (
  summary: string,
  description: string,
  options: ProblemCodes & { scoped?: boolean } = {},
): MethodDecorator => {
  const { scoped, ...codes } = options;
  // a scoped read refuses a representative asking for another contributor's data: 403 CONTRIBUTOR_SCOPE
  const forbidden = scoped
    ? [...new Set([...(codes.forbidden ?? ['FORBIDDEN']), 'CONTRIBUTOR_SCOPE'])]
    : codes.forbidden;
  return applyDecorators(
    ApiOperation({
      summary,
      description: scoped ? `${description}\n\n${CONTRIBUTOR_SCOPE_NOTE}` : description,
    }),
    ...problemResponses({ ...codes, forbidden }),
  );
};

type ResponseType = Parameters<typeof ApiOkResponse>[0] extends infer O
  ? O extends { type?: infer T }
    ? T
    : never
  : never;

/** 201: the POST created a resource, which `location` (e.g. `/v1/pledges/{pledgeId}`) serves. */
export const ApiCreated = (type: ResponseType, location: string, description = 'Created'): MethodDecorator =>
  ApiCreatedResponse({
    type,
    description: `${description}. Location: ${location}`,
    headers: { Location: { description: `The new resource: ${location}`, schema: { type: 'string' } } },
  });

/** 200: the POST changed the resource in its path (the convention: 201 creates, 200 changes). */
export const ApiChanged = (type: ResponseType, description = 'Changed'): MethodDecorator =>
  applyDecorators(HttpCode(HttpStatus.OK), ApiOkResponse({ type, description }));

/** 200: a report as CSV (the default) or an Excel workbook (`format=xlsx`), as an attachment. */
export const ApiExport = (csvExample: string): MethodDecorator =>
  applyDecorators(
    ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    ApiOkResponse({
      description: 'CSV, or an Excel workbook with format=xlsx, as an attachment',
      schema: { type: 'string', example: csvExample },
    }),
  );
