import { applyDecorators } from '@nestjs/common';
import { ApiRead, ApiWrite, type ProblemCodes, Roles } from '@coe/platform';

type Codes = ProblemCodes;

/** A write route: finance officers and admins, with its problem codes documented. */
export const WriteOperation = (summary: string, description: string, codes: Codes = {}): MethodDecorator =>
  applyDecorators(
    Roles('finance-officer'),
    ApiWrite(summary, description, { ...codes, forbidden: ['FORBIDDEN', ...(codes.forbidden ?? [])] }),
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
    ApiRead(summary, description, {
      scoped: options.scoped ?? false,
      forbidden: options.scoped ? ['FORBIDDEN', 'CONTRIBUTOR_SCOPE'] : ['FORBIDDEN'],
      ...(options.notFound ? { notFound: [options.notFound] } : {}),
    }),
  );
