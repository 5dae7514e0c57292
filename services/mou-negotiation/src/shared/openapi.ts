import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

// The platform adds each operation's "Roles:" line; this says what a role cannot see.
const READ_SCOPE =
  'A contributor-representative sees their own contributor only (403 CONTRIBUTOR_SCOPE otherwise).';

type Codes = { notFound?: string[]; conflict?: string[]; unprocessable?: string[] };

const problems = (codes: string[]): string => `problem+json with code ${codes.join(', ')}`;

/** A POST recording a fact: its summary, headers, and the problem codes it may answer. */
export const WriteOperation = (summary: string, description: string, codes: Codes = {}): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag read (e.g. `"3"`); 412 STALE_VERSION when the MOU changed since.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Replays the first response for the same key and body; 422 IDEMPOTENCY_KEY_REUSED for another body.',
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Recorded with the events; a fresh UUID when absent.',
    }),
    ApiBadRequestResponse({ description: problems(['VALIDATION_FAILED', 'INVALID_IF_MATCH']) }),
    ApiPreconditionFailedResponse({ description: problems(['STALE_VERSION']) }),
    ...(codes.notFound ? [ApiNotFoundResponse({ description: problems(codes.notFound) })] : []),
    ...(codes.conflict ? [ApiConflictResponse({ description: problems(codes.conflict) })] : []),
    ...(codes.unprocessable
      ? [ApiUnprocessableEntityResponse({ description: problems(codes.unprocessable) })]
      : []),
  );

/** A GET: its summary and, for a single resource, the not-found code. */
export const ReadOperation = (summary: string, description: string, notFound?: string): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary, description: `${description}\n\n${READ_SCOPE}` }),
    ApiBadRequestResponse({ description: problems(['VALIDATION_FAILED']) }),
    ...(notFound ? [ApiNotFoundResponse({ description: problems([notFound]) })] : []),
  );
