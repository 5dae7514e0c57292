import type { PoolClient } from 'pg';
import type {
  AppendOptions,
  AppendResult,
  EventLogQuery,
  GlobalCheckpoint,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StoredEventText,
} from './event-store.types';

export type AppendedListener = (streamId: string, result: AppendResult) => void;

/**
 * The event store port. Services depend on this abstract class (it doubles as the Nest DI token), so tests
 * can swap the implementation.
 */
export abstract class EventStore {
  /** Appends events to one stream atomically; throws WrongExpectedVersionError when the version check fails. */
  abstract append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in version order, after upcasting. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Committed events after a checkpoint in global order (transaction id, then position). Never returns an
   * event while an older transaction that could still commit is in flight, so a reader never skips one.
   */
  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * The same events as readAll, as text to pass on unchanged (a relay): an implementation that can have its
   * database write them saves decoding and re-encoding each one. This default encodes readAll's events.
   */
  async readAllText(options?: ReadAllOptions): Promise<StoredEventText[]> {
    const events = await this.readAll(options);
    return events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamVersion: event.streamVersion.toString(),
      globalPosition: event.globalPosition.toString(),
      transactionId: event.transactionId.toString(),
      data: JSON.stringify(event.data),
      effectiveOn: event.effectiveOn,
      recordedAt: event.recordedAt.toISOString(),
      hash: event.hash,
    }));
  }
  /** The checkpoint just after an event of readAllText. */
  static checkpointOfText(event: StoredEventText): GlobalCheckpoint {
    return { transactionId: BigInt(event.transactionId), globalPosition: BigInt(event.globalPosition) };
  }
  /** The log filtered for an auditor, in position order (committed events only). */
  abstract queryLog(query: EventLogQuery): Promise<StoredEvent[]>;
  /** The checkpoint just after the last event returned by readAll so far (for resuming). */
  static checkpointOf(event: StoredEvent): GlobalCheckpoint {
    return { transactionId: event.transactionId, globalPosition: event.globalPosition };
  }
  /**
   * The same store working inside the caller's transaction (a policy's processed-event record, a service's
   * own read table). Appends are never retried there, and listeners hear of them only when the caller
   * calls `committed()` after COMMIT.
   */
  abstract withTransaction(tx: PoolClient): TransactionalEventStore;
  /** Called after every successful append made through this instance (wakes in-process readers). */
  abstract onAppended(listener: AppendedListener): () => void;
}

export type TransactionalEventStore = EventStore & {
  /** Tell listeners about the appends made in the transaction; call after COMMIT. */
  committed(): void;
};

/** Source of the current instant; a port so tests and replays control time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
