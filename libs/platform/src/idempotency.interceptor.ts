import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  createParamDecorator,
} from '@nestjs/common';
import { canonicalJson, sha256Hex } from '@coe/event-store';
import { sha256Of } from './document.store';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Observable, catchError, from, mergeMap, of } from 'rxjs';
import { actorOf } from './actor';
import { type EventIdSource, idempotentEventIds, randomEventIds } from './idempotent-event-ids';
import { type IdempotencyScope, IdempotencyStore } from './idempotency.store';
import { ProblemException } from './problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set to `true` on a response that is a replay of the first one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

// Headers a handler sets that belong to the response being replayed.
const REPLAYED_HEADERS = ['etag', 'location', 'content-location'];
const KEY = /^[\x21-\x7e]{1,255}$/;

type Request = IncomingMessage & { originalUrl?: string; body?: unknown };

/** The validated Idempotency-Key of a request, or undefined without one (400 when malformed). */
export const idempotencyKeyOf = (request: IncomingMessage): string | undefined => {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  const key = (Array.isArray(value) ? value.join(',') : value).trim();
  if (!KEY.test(key)) {
    const message = 'must be 1 to 255 visible ASCII characters, e.g. a UUID';
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'INVALID_IDEMPOTENCY_KEY',
      `Idempotency-Key ${message}.`,
      {
        errors: [{ field: 'Idempotency-Key', message }],
      },
    );
  }
  return key;
};

const pathOf = (request: Request): string => (request.originalUrl ?? request.url ?? '/').split('?')[0] ?? '/';
const queryOf = (request: Request): string => {
  const url = request.originalUrl ?? request.url ?? '';
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
};

/** SHA-256 of what the request asks: its query and its body (canonical JSON, or the raw text for CSV). */
export const requestFingerprint = (request: Request): string => {
  const body = request.body;
  const text =
    typeof body === 'string'
      ? `text:${body}`
      : Buffer.isBuffer(body)
        ? `bytes:${sha256Of(body)}`
        : `json:${canonicalJson(body ?? null)}`;
  return sha256Hex(`${queryOf(request)}\n${text}`);
};

/**
 * Global interceptor (installed by PlatformModule) for POST requests carrying `Idempotency-Key`
 * (CONTRACT.md section 3), per user (`sub`), method and path:
 * - first time: the key is recorded as pending, the handler runs, and a response below 500 is stored
 *   (status, body, ETag/Location); when the handler throws or answers 5xx, the key is released;
 * - same key and same body again: the stored response, with `Idempotent-Replayed: true`, and the
 *   handler does not run;
 * - same key, other body (or query): 422 `IDEMPOTENCY_KEY_REUSED`;
 * - same key while the first request still runs: 409 `IDEMPOTENCY_KEY_IN_PROGRESS`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (request.method !== 'POST') return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();

    const response = http.getResponse<ServerResponse>();
    const scope: IdempotencyScope = {
      actor: actorOf(request).sub,
      method: 'POST',
      path: pathOf(request),
      key,
    };
    const claim = await this.store.claim(scope, requestFingerprint(request));
    switch (claim.kind) {
      case 'replay': {
        const { status, body, headers } = claim.response;
        response.statusCode = status;
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(body === null ? undefined : (JSON.parse(body) as unknown));
      }
      case 'reused':
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used with another request body; use a new key for a new request.',
        );
      case 'in-progress':
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'IDEMPOTENCY_KEY_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed; retry in a moment.',
          {},
          { 'Retry-After': '1' },
        );
      case 'claimed':
        return next.handle().pipe(
          mergeMap((result) => from(this.finish(scope, response, result))),
          catchError((error: unknown) => from(this.release(scope).then(() => Promise.reject(error)))),
        );
    }
  }

  private async finish(scope: IdempotencyScope, response: ServerResponse, result: unknown): Promise<unknown> {
    const status = response.statusCode;
    let body: string | null | undefined;
    try {
      body = result === undefined ? null : JSON.stringify(result);
    } catch {
      body = undefined;
    }
    if (status >= 500 || body === undefined) {
      await this.release(scope);
      return result;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await this.store.complete(scope, { status, body, headers });
    return result;
  }

  private async release(scope: IdempotencyScope): Promise<void> {
    try {
      await this.store.release(scope);
    } catch (error) {
      // The pending row then expires on its own; the request's own outcome matters more.
      this.logger.error(
        `Could not release an idempotency key: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** Controller parameter decorator: the request's validated Idempotency-Key, or undefined. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    idempotencyKeyOf(context.switchToHttp().getRequest<IncomingMessage>()),
);

/**
 * Controller parameter decorator: event ids for the command. With an Idempotency-Key they are derived
 * from it ({@link idempotentEventIds}: a retried request appends the same ids), otherwise random.
 */
export const EventIds = createParamDecorator((_data: unknown, context: ExecutionContext): EventIdSource => {
  const request = context.switchToHttp().getRequest<Request>();
  const key = idempotencyKeyOf(request);
  return key === undefined
    ? randomEventIds()
    : idempotentEventIds(key, actorOf(request).sub, `${request.method ?? 'POST'} ${pathOf(request)}`);
});
