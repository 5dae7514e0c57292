import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDocumentUpload } from './documents.body';
import { ProblemException } from './problem';

/** Deeper JSON than this is refused before validation walks it (a recursion bomb, not a request). */
export const MAX_JSON_DEPTH = 32;

/**
 * body-parser `verify` hook: bytes that are not valid UTF-8 are refused instead of being decoded into
 * replacement characters and stored.
 */
export const verifyUtf8 = (_request: IncomingMessage, _response: ServerResponse, body: Buffer): void => {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The request body is not valid UTF-8.'), {
      type: 'entity.verify.failed',
      status: 400,
      problemCode: 'INVALID_UTF8',
    });
  }
};

const depthOf = (value: unknown): number => {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return deepest;
};

/** Express middleware after the JSON parser: refuses bodies nested deeper than MAX_JSON_DEPTH. */
export const jsonDepthMiddleware = (
  request: IncomingMessage & { body?: unknown },
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void => {
  if (typeof request.body === 'object' && request.body !== null && depthOf(request.body) > MAX_JSON_DEPTH) {
    next(
      new ProblemException(
        400,
        'BODY_TOO_DEEP',
        `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
        {
          errors: [{ field: 'body', message: `nested deeper than ${MAX_JSON_DEPTH} levels` }],
        },
      ),
    );
    return;
  }
  next();
};

/** The media types a body may have here: JSON everywhere, CSV on the import routes. */
const READABLE = /^(application\/json|application\/[a-z0-9.+-]+\+json|text\/csv)$/;

/**
 * Express middleware before the parsers: a body in another media type (a form, `curl -d` without a
 * Content-Type, XML) is refused with 415 instead of reaching validation as an empty object and being
 * told that every field is missing.
 */
export const mediaTypeMiddleware = (
  request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void => {
  const length = Number(request.headers['content-length'] ?? '0');
  const hasBody = request.headers['transfer-encoding'] !== undefined || length > 0;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // the upload route's files: documentBodyMiddleware reads them, the route checks their type
  if (!hasBody || READABLE.test(mediaType) || isDocumentUpload(request)) {
    next();
    return;
  }
  const sent = mediaType === '' ? 'no Content-Type' : `Content-Type ${mediaType}`;
  next(
    new ProblemException(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The body was sent with ${sent}; this API reads application/json (and text/csv on the import routes). ` +
        'Send the body as JSON with Content-Type: application/json.',
      {},
      { Accept: 'application/json, text/csv' },
    ),
  );
};
