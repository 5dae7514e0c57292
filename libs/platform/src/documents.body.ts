import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException } from './problem';

/** The one route whose body is a file rather than JSON or CSV. */
export const DOCUMENTS_PATH = '/v1/documents';

const mediaTypeOf = (request: IncomingMessage): string =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** A POST to the upload route with a body that is not JSON: the documents middleware reads it. */
export const isDocumentUpload = (request: IncomingMessage): boolean =>
  request.method === 'POST' &&
  (request.url ?? '').split('?')[0] === DOCUMENTS_PATH &&
  !/json$/.test(mediaTypeOf(request));

const tooLarge = (maxBytes: number): ProblemException =>
  new ProblemException(413, 'DOCUMENT_TOO_LARGE', `A document holds at most ${maxBytes} bytes.`, {
    maxBytes,
  });

/**
 * Express middleware before the other body parsers: the upload's bytes as a Buffer in `request.body`,
 * with its Content-Type kept for the controller to check against the content. More than `maxBytes`
 * is refused (413 DOCUMENT_TOO_LARGE) as soon as the Content-Length, or the bytes read so far, say so.
 */
export const documentBodyMiddleware =
  (maxBytes: number) =>
  (
    request: IncomingMessage & { body?: unknown },
    _response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    if (!isDocumentUpload(request)) {
      next();
      return;
    }
    if (Number(request.headers['content-length'] ?? '0') > maxBytes) {
      // the client is told at once; the unread body is discarded with the connection
      request.resume();
      next(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        next(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (failed) return;
      request.body = Buffer.concat(chunks, size);
      next();
    });
    request.on('error', (error) => {
      if (failed) return;
      failed = true;
      next(error);
    });
  };
