import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every log line written while serving a request carries. */
export type RequestContext = { correlationId: string };

const storage = new AsyncLocalStorage<RequestContext>();
const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;
const ASSIGNED = Symbol('correlationId');

type Request = IncomingMessage & { [ASSIGNED]?: string };

/** The correlation id of the request being served (undefined outside a request: start-up, consumers). */
export const currentCorrelationId = (): string | undefined => storage.getStore()?.correlationId;

/** The request's X-Correlation-Id when it is a sane one, else a fresh UUID; the same for the whole request. */
export const correlationIdOf = (request: IncomingMessage): string => {
  const assigned = (request as Request)[ASSIGNED];
  if (assigned) return assigned;
  const header = request.headers['x-correlation-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : randomUUID();
};

/**
 * Runs the rest of the request inside its context (AsyncLocalStorage), so the logger adds the correlation
 * id to every line, however deep the code that logs; and answers it in `X-Correlation-Id`. Registered
 * after the body parsers, whose stream callbacks would run outside the context.
 */
export const requestContextMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void => {
  const correlationId = correlationIdOf(request);
  (request as Request)[ASSIGNED] = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  storage.run({ correlationId }, next);
};
