import type { Pool, PoolClient } from 'pg';
import type { Decider, DomainEvent } from './decider';
import { toNewEvent } from './decider';
import type { EventStore, TransactionalEventStore } from './event-store';
import { WrongExpectedVersionError } from './event-store.errors';
import type { EventMetadata, StoredEvent } from './event-store.types';

export type DecideOptions = {
  metadata: EventMetadata;
  /** The version the caller saw (from If-Match): a mismatch is a conflict, never retried. */
  expectedVersion?: bigint;
  /** Deterministic ids for the new events (e.g. derived from an idempotency key) make a retry a no-op. */
  eventIds?: (index: number) => string;
  recordedAt?: Date;
};

export type DecideResult<Event, State> = {
  newEvents: Event[];
  newState: State;
  /** Stream version after the command (unchanged when the decider emitted nothing). */
  nextExpectedVersion: bigint;
};

/** What the work of one write gets: the transaction's client (for read tables) and a store bound to it. */
export type WriteTx = { tx: PoolClient; store: TransactionalEventStore };

export type WriteOptions = {
  /** A PostgreSQL advisory lock (by name) taken first, held until COMMIT: serialises writers that share it. */
  lock?: string;
};

/**
 * The retry policy of every write, in one place: a transaction that lost a race on a stream version
 * (another writer appended first, and the caller gave no If-Match) runs again once, whole, on fresh state.
 * Two attempts in all: the second reads what the winner committed, so only a third concurrent writer on
 * the same stream within the same few milliseconds can lose twice, and that one gets 409 STALE_VERSION.
 */
export const WRITE_ATTEMPTS = 2;

// Errors that come from a version the caller named: a conflict to report, never a race to retry.
const callersVersion = new WeakSet<object>();

/** A lost race (retry the transaction), as opposed to a caller's stale If-Match (report it). */
export const isLostRace = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof WrongExpectedVersionError && !callersVersion.has(error);

/** Folds a stream as read from the store into the decider's state. */
export const foldStream = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  history: readonly StoredEvent[],
): State =>
  history.reduce(
    // a stored event is what a decider emitted (upcast to the current schema): the decider's own event type
    (state, e) =>
      decider.evolve(state, { type: e.type, data: e.data, effectiveOn: e.effectiveOn ?? undefined } as Event),
    decider.initialState(),
  );

/** The caller's If-Match named another version than the stream's: a conflict, never retried. */
export const callerVersionMismatch = (
  streamId: string,
  expected: bigint,
  currentVersion: bigint,
): WrongExpectedVersionError => {
  const error = new WrongExpectedVersionError(streamId, expected.toString(), undefined, currentVersion);
  callersVersion.add(error);
  return error;
};

/**
 * Reads the stream, folds it into state, decides, and appends with the exact version it read. No loop:
 * a concurrent append fails with WrongExpectedVersionError, which {@link WritePath} retries (whole
 * transaction) unless the caller named the version it expected.
 */
export const decideAndAppend = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  command: Command,
  decider: Decider<Command, Event, State>,
  options: DecideOptions,
): Promise<DecideResult<Event, State>> => {
  const history = await store.readStream(streamId);
  const currentVersion = history.at(-1)?.streamVersion ?? 0n;
  const byCaller = options.expectedVersion !== undefined;
  if (byCaller && options.expectedVersion !== currentVersion)
    throw callerVersionMismatch(streamId, options.expectedVersion!, currentVersion);
  const state = foldStream(decider, history);
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
    if (byCaller && error instanceof WrongExpectedVersionError) callersVersion.add(error);
    throw error;
  }
};

/**
 * The one way services write: open a transaction (optionally under an advisory lock), let the work
 * decide and append on a store bound to it and save the service's read tables through the same client,
 * COMMIT, then wake the store's listeners. A lost race runs the whole transaction again, once
 * ({@link WRITE_ATTEMPTS}). Plain class: each service wraps it in its own Nest provider.
 */
export class WritePath {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
  ) {}

  async transaction<T>(work: (t: WriteTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = await this.pool.connect();
      try {
        await tx.query('begin');
        if (options.lock !== undefined)
          await tx.query('select pg_advisory_xact_lock(hashtext($1))', [options.lock]);
        const store = this.store.withTransaction(tx);
        const result = await work({ tx, store });
        await tx.query('commit');
        store.committed();
        return result;
      } catch (error) {
        await tx.query('rollback').catch(() => undefined);
        if (!isLostRace(error) || attempt >= WRITE_ATTEMPTS) throw error;
      } finally {
        tx.release();
      }
    }
  }

  /**
   * One command on one stream in its own transaction; `save` writes the service's read tables in the same
   * transaction (only when the decider emitted events).
   */
  decide<Command, Event extends DomainEvent, State, Saved = void>(
    streamId: string,
    command: Command,
    decider: Decider<Command, Event, State>,
    options: DecideOptions,
    save?: (t: WriteTx, result: DecideResult<Event, State>) => Promise<Saved>,
  ): Promise<DecideResult<Event, State> & { saved?: Saved }> {
    return this.transaction(async (t) => {
      const result = await decideAndAppend(t.store, streamId, command, decider, options);
      if (result.newEvents.length === 0 || !save) return result;
      return { ...result, saved: await save(t, result) };
    });
  }
}
