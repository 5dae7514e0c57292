import { ApiRead, ApiWrite, type ProblemCodes } from '@coe/platform';

type Codes = Pick<ProblemCodes, 'notFound' | 'conflict' | 'unprocessable'>;

/** A POST recording a fact; business dates may not lie in the future. */
export const WriteOperation = (summary: string, description: string, codes: Codes = {}): MethodDecorator =>
  ApiWrite(summary, description, { ...codes, badRequest: ['BUSINESS_DATE_IN_FUTURE'] });

/** A GET, for a single resource with its not-found code. */
export const ReadOperation = (summary: string, description: string, notFound?: string): MethodDecorator =>
  ApiRead(summary, description, { scoped: true, ...(notFound ? { notFound: [notFound] } : {}) });
