import { type ExecutionContext, HttpStatus, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { ProblemException } from './problem';

const STRONG_VERSION_ETAG = /^"(0|[1-9][0-9]{0,18})"$/;

const invalidIfMatch = (detail: string): ProblemException =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'INVALID_IF_MATCH', detail, {
    errors: [{ field: 'If-Match', message: detail }],
  });

/**
 * The stream version an `If-Match` header names: `"3"` gives `3n`; no header gives `undefined`. Weak
 * (`W/"3"`), `*`, lists and anything else throw a 400 `INVALID_IF_MATCH`; with `required`, a missing
 * header throws 428 `IF_MATCH_REQUIRED`.
 */
export const parseIfMatch = (header: string | string[] | undefined, required = false): bigint | undefined => {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') {
    if (!required) return undefined;
    throw new ProblemException(
      HttpStatus.PRECONDITION_REQUIRED,
      'IF_MATCH_REQUIRED',
      'This route needs an If-Match header with the ETag of the version you read, e.g. If-Match: "3".',
    );
  }
  const match = STRONG_VERSION_ETAG.exec(value.trim());
  if (match?.[1] === undefined) {
    throw invalidIfMatch(
      'If-Match must be one strong ETag as this API sends it, e.g. "3" (with the quotes).',
    );
  }
  return BigInt(match[1]);
};

export type IfMatchOptions = { required?: boolean };

/**
 * Controller parameter decorator: the expected version from `If-Match`, to pass to the command as its
 * expected stream version. `@IfMatch() expected: bigint | undefined`, or `@IfMatch({ required: true })`.
 */
export const IfMatch = createParamDecorator(
  (options: IfMatchOptions | undefined, context: ExecutionContext): bigint | undefined =>
    parseIfMatch(context.switchToHttp().getRequest<IncomingMessage>().headers['if-match'], options?.required),
  [
    (target, key) => {
      const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
      if (key === undefined || descriptor === undefined) return;
      ApiHeader({
        name: 'If-Match',
        required: false,
        description:
          'The ETag of the version read, e.g. "3"; 412 STALE_VERSION when the aggregate has changed since.',
      })(target, key, descriptor);
    },
  ],
);

/** The ETag of a stream version, `"3"`. */
export const versionEtag = (version: bigint | number): string => `"${version.toString()}"`;

/**
 * Sets `ETag: "<version>"` on a response that created or changed an aggregate. Use with
 * `@Res({ passthrough: true }) res: Response`.
 */
export const setVersion = (
  response: { setHeader(name: string, value: string): unknown },
  version: bigint,
): void => {
  response.setHeader('ETag', versionEtag(version));
};
