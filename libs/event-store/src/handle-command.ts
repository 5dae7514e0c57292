import type { Decider, DomainEvent } from './decider';
import { toNewEvent } from './decider';
import type { EventStore } from './event-store';
import { WrongExpectedVersionError } from './event-store.errors';
import type { EventMetadata } from './event-store.types';
import type { Pool, PoolClient } from 'pg';

export type HandleCommandOptions = {
  metadata: EventMetadata;
  /** The version the caller saw (from If-Match): a mismatch is a conflict, never retried. */
  expectedVersion?: bigint;
  /** Deterministic ids for the new events (e.g. derived from an idempotency key) make a retry a no-op. */
  eventIds?: (index: number) => string;
  recordedAt?: Date;
  /** Attempts when a concurrent append wins the race (default 3). */
  maxAttempts?: number;
};

export type HandleCommandResult<Event, State> = {
  newEvents: Event[];
  newState: State;
  /** Stream version after the command (unchanged when the decider emitted nothing). */
  nextExpectedVersion: bigint;
};

const MAX_ATTEMPTS = 3;

/**
 * Reads the stream, folds it into state, decides, and appends with an exact expected version. When the
 * caller gave no expected version, a concurrent append is resolved by deciding again on the fresh state.
 */
export const handleCommand = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  command: Command,
  decider: Decider<Command, Event, State>,
  options: HandleCommandOptions,
): Promise<HandleCommandResult<Event, State>> => {
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const currentVersion = history.at(-1)?.streamVersion ?? 0n;
    if (options.expectedVersion !== undefined && options.expectedVersion !== currentVersion) {
      throw new WrongExpectedVersionError(
        streamId,
        options.expectedVersion.toString(),
        undefined,
        currentVersion,
      );
    }
    const state = history.reduce(
      (s, e) =>
        decider.evolve(s, { type: e.type, data: e.data, effectiveOn: e.effectiveOn ?? undefined } as Event),
      decider.initialState(),
    );
    const newEvents = decider.decide(command, state);
    const newState = newEvents.reduce(decider.evolve, state);
    if (newEvents.length === 0) return { newEvents, newState, nextExpectedVersion: currentVersion };
    try {
      const result = await store.append(
        streamId,
        newEvents.map((event, index) => ({
          ...toNewEvent(event),
          ...(options.eventIds ? { eventId: options.eventIds(index) } : {}),
        })),
        {
          expectedVersion: currentVersion === 0n ? 'no-stream' : currentVersion,
          metadata: options.metadata,
          ...(options.recordedAt ? { recordedAt: options.recordedAt } : {}),
        },
      );
      return { newEvents, newState, nextExpectedVersion: result.nextExpectedVersion };
    } catch (error) {
      const retry = error instanceof WrongExpectedVersionError && options.expectedVersion === undefined;
      if (!retry || attempt >= (options.maxAttempts ?? MAX_ATTEMPTS)) throw error;
    }
  }
};

/**
 * handleCommand inside one PostgreSQL transaction together with `alsoInTransaction` (typically the service's
 * own read tables), so the events and what the service shows of them commit or fail together. A lost race
 * (no If-Match given) starts the whole transaction over.
 */
export const handleCommandInTransaction = async <Command, Event extends DomainEvent, State>(
  pool: Pool,
  store: EventStore,
  streamId: string,
  command: Command,
  decider: Decider<Command, Event, State>,
  options: HandleCommandOptions,
  alsoInTransaction?: (tx: PoolClient, result: HandleCommandResult<Event, State>) => Promise<void>,
): Promise<HandleCommandResult<Event, State>> => {
  for (let attempt = 1; ; attempt++) {
    const tx = await pool.connect();
    try {
      await tx.query('begin');
      const bound = store.withTransaction(tx);
      const result = await handleCommand(bound, streamId, command, decider, { ...options, maxAttempts: 1 });
      if (result.newEvents.length > 0) await alsoInTransaction?.(tx, result);
      await tx.query('commit');
      bound.committed();
      return result;
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      const retry = error instanceof WrongExpectedVersionError && options.expectedVersion === undefined;
      if (!retry || attempt >= (options.maxAttempts ?? MAX_ATTEMPTS)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    } finally {
      tx.release();
    }
  }
};
