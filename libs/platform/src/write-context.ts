import type { EventMetadata, DecideOptions } from '@coe/event-store';
import { actorOf } from './actor';
import { parseIfMatch } from './if-match';
import { idempotencyKeyOf } from './idempotency.interceptor';
import { type EventIdSource, idempotentEventIds, randomEventIds } from './idempotent-event-ids';
import { correlationIdOf } from './request-context';
import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** What every write carries besides its data: who, the version the caller read, and event ids. */
export type WriteContext = {
  metadata: EventMetadata;
  /** From If-Match; undefined when the caller sent none. */
  expectedVersion: bigint | undefined;
  /** Derived from the Idempotency-Key when there is one, so a retried request appends the same ids. */
  eventIds: EventIdSource;
};

// An index no command's events reach: the id of an aggregate a request creates comes from the same
// source as its event ids, so a retry with the same Idempotency-Key names the same aggregate.
const NEW_AGGREGATE_ID_INDEX = 1_000_000;

type Request = IncomingMessage & { originalUrl?: string };

/** Controller parameter decorator: the request's {@link WriteContext} (actor, X-Correlation-Id, If-Match, Idempotency-Key). */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<Request>();
  const { sub, roles } = actorOf(request);
  const key = idempotencyKeyOf(request);
  const path = (request.originalUrl ?? request.url ?? '/').split('?')[0];
  return {
    metadata: { actor: { sub, roles: [...roles] }, correlationId: correlationIdOf(request) },
    expectedVersion: parseIfMatch(request.headers['if-match']),
    eventIds: key === undefined ? randomEventIds() : idempotentEventIds(key, sub, `POST ${path}`),
  };
});

export const newAggregateId = (write: WriteContext): string => write.eventIds(NEW_AGGREGATE_ID_INDEX);

/** decideAndAppend's options for events number `offset`, `offset + 1`, ... of the request. */
export const commandOptions = (write: WriteContext, offset = 0): DecideOptions => ({
  metadata: write.metadata,
  ...(write.expectedVersion === undefined ? {} : { expectedVersion: write.expectedVersion }),
  eventIds: (index) => write.eventIds(offset + index),
});

/** A decider command as a controller builds it: the handler adds `today` from the clock. */
export type WithoutToday<Command> = Command extends unknown ? Omit<Command, 'today'> : never;
