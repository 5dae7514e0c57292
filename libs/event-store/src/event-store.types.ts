/** Expected version of a stream when appending: any, the stream must not exist, or an exact version. */
export type ExpectedVersion = 'any' | 'no-stream' | bigint | number;

/** What the actor, correlation and causation of an event are. */
export type EventMetadata = {
  actor: { sub: string; roles: string[] };
  correlationId?: string;
  causationId?: string;
};

/** An event as a command produces it, before it is stored. */
export type NewEvent<Type extends string = string, Data = unknown> = {
  type: Type;
  data: Data;
  /** Business date (YYYY-MM-DD) when the fact has one. */
  effectiveOn?: string;
  schemaVersion?: number;
  /** Set for idempotent appends; generated otherwise. */
  eventId?: string;
};

/** An event as stored and read back. */
export type StoredEvent<Type extends string = string, Data = unknown> = {
  eventId: string;
  type: Type;
  schemaVersion: number;
  streamId: string;
  streamVersion: bigint;
  globalPosition: bigint;
  transactionId: bigint;
  data: Data;
  effectiveOn: string | null;
  recordedAt: Date;
  metadata: EventMetadata;
  hash: string;
  previousHash: string | null;
};

/**
 * An event as a relay passes it on, without decoding it (`EventStore.readAllText`): the data as JSON text
 * (after upcasting), the recording instant in ISO 8601 (UTC, milliseconds), integers as decimal text.
 * Its metadata and previous hash stay in the store.
 */
export type StoredEventText = {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamVersion: string;
  globalPosition: string;
  transactionId: string;
  data: string;
  effectiveOn: string | null;
  recordedAt: string;
  hash: string;
};

export type AppendOptions = {
  expectedVersion?: ExpectedVersion;
  metadata: EventMetadata;
  /** Recording instant; defaults to the store's clock. */
  recordedAt?: Date;
};

export type AppendResult = {
  /** Version of the stream after the append. */
  nextExpectedVersion: bigint;
  /** True when every event id was already stored: a retried append that changed nothing. */
  alreadyStored: boolean;
};

export type ReadStreamOptions = {
  /** Only events with streamVersion <= toVersion. */
  toVersion?: bigint | number;
  /** Only events whose business date is on or before this date (events without one are kept). */
  effectiveOnOrBefore?: string;
  /** Only events recorded on or before this instant. */
  recordedAtOrBefore?: Date;
};

/** Position in the global order: events are ordered by (transactionId, globalPosition). */
export type GlobalCheckpoint = { transactionId: bigint; globalPosition: bigint };

export const START: GlobalCheckpoint = { transactionId: 0n, globalPosition: 0n };

export type ReadAllOptions = {
  after?: GlobalCheckpoint;
  limit?: number;
  /** Only these event types. */
  types?: string[];
};

/** Filters of an auditor's view of a store's log; every field optional, combined with AND. */
export type EventLogQuery = {
  types?: string[];
  streamId?: string;
  /** The acting user's `sub`. */
  actor?: string;
  recordedFrom?: Date;
  recordedTo?: Date;
  /** Business dates, inclusive. */
  effectiveFrom?: string;
  effectiveTo?: string;
  /** Keyset paging in the global order (the same order readAll uses, so a page never skips a late commit). */
  after?: GlobalCheckpoint;
  limit?: number;
};
