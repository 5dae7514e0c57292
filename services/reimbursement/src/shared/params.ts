import { isMissionCode, isPeriod, ValidationProblemException } from '@coe/platform';
import type { PipeTransform } from '@nestjs/common';

const pipe = (
  field: string,
  ok: (value: unknown) => boolean,
  message: string,
): PipeTransform<string, string> => ({
  transform: (value: string) => {
    if (!ok(value)) throw new ValidationProblemException([{ field, message }]);
    return value;
  },
});

/** Path parameters, checked before anything reaches the database (400 VALIDATION_FAILED otherwise). */
export const IsMissionCodePipe = pipe('mission', isMissionCode, 'must be 2 to 12 capital letters');
export const IsPeriodPipe = pipe('period', isPeriod, 'must be a month written YYYY-MM');
export const IsMouIdPipe = pipe(
  'mouId',
  (value) => typeof value === 'string' && /^[\w.:-]{1,200}$/.test(value),
  'must be an MOU id',
);
export const uuidPipe = (field: string): PipeTransform<string, string> =>
  pipe(
    field,
    (value) =>
      typeof value === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
    'must be a UUID',
  );
