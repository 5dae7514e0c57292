import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@coe/platform';

// The platform writes each route's "Roles:" line into its description from @Roles().
const SCOPED =
  'A contributor representative sees their own contributor’s data only (403 CONTRIBUTOR_SCOPE otherwise).';

type Codes = { notFound?: string[]; conflict?: string[]; unprocessable?: string[]; forbidden?: string[] };

const problems = (codes: string[]): string => `problem+json with code ${codes.join(', ')}`;

/** A write route: finance officers and admins, with its problem codes documented. */
export const WriteOperation = (summary: string, description: string, codes: Codes = {}): MethodDecorator =>
  applyDecorators(
    Roles('finance-officer'),
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag read (e.g. `"3"`); 412 STALE_VERSION when the aggregate changed since.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Replays the first response for the same key and body.',
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Recorded with the events; a fresh UUID when absent.',
    }),
    ApiBadRequestResponse({ description: problems(['VALIDATION_FAILED', 'INVALID_IF_MATCH']) }),
    ApiPreconditionFailedResponse({ description: problems(['STALE_VERSION']) }),
    ApiForbiddenResponse({ description: problems(['FORBIDDEN', ...(codes.forbidden ?? [])]) }),
    ...(codes.notFound ? [ApiNotFoundResponse({ description: problems(codes.notFound) })] : []),
    ...(codes.conflict ? [ApiConflictResponse({ description: problems(codes.conflict) })] : []),
    ...(codes.unprocessable
      ? [ApiUnprocessableEntityResponse({ description: problems(codes.unprocessable) })]
      : []),
  );

/** A read route; `scoped` when a contributor representative may read their own contributor's data. */
export const ReadOperation = (
  summary: string,
  description: string,
  options: { scoped?: boolean; notFound?: string } = {},
): MethodDecorator =>
  applyDecorators(
    options.scoped
      ? Roles('finance-officer', 'auditor', 'contributor-representative')
      : Roles('finance-officer', 'auditor'),
    ApiOperation({ summary, description: options.scoped ? `${description}\n\n${SCOPED}` : description }),
    ApiBadRequestResponse({ description: problems(['VALIDATION_FAILED']) }),
    ApiForbiddenResponse({
      description: problems(options.scoped ? ['FORBIDDEN', 'CONTRIBUTOR_SCOPE'] : ['FORBIDDEN']),
    }),
    ...(options.notFound ? [ApiNotFoundResponse({ description: problems([options.notFound]) })] : []),
  );
