import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  Clock,
  EventStore,
  SystemClock,
  type AppendedListener,
  type TransactionalEventStore,
} from './event-store';
import { WrongExpectedVersionError } from './event-store.errors';
import { eventStoreMigrations, SQLSTATE } from './event-store.migrations';
import type {
  AppendOptions,
  EventLogQuery,
  AppendResult,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
} from './event-store.types';
import { START } from './event-store.types';
import { contentHash } from './hash';
import { assertSchemaName, runMigrations } from './migrations';
import { upcasterChain, type Upcaster } from './upcasting';

export type PostgresEventStoreOptions = {
  pool: Pool | PoolClient;
  /** The service's own schema, e.g. `mou_negotiation`. */
  schema: string;
  clock?: Clock;
  upcasters?: Upcaster[];
};

type EventRow = {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  effective_on: string | null;
  recorded_at: Date;
  hash: string;
  previous_hash: string | null;
};

// `transaction_id` comes back as text (xid8 has no JS type); ORDER BY must therefore name the table's
// column (`events.transaction_id`), never the output alias, or '1000' would sort before '999'.
const COLUMNS = `global_position, transaction_id::text as transaction_id, event_id, stream_id, stream_version,
  event_type, schema_version, data, metadata, to_char(effective_on, 'YYYY-MM-DD') as effective_on, recorded_at,
  hash, previous_hash`;

const RETRIES_ON_RACE = 30;

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * attempt));

/** A pool, or one client holding a transaction. */
export type Queryable = Pool | PoolClient;

export class PostgresEventStore extends EventStore {
  private readonly pool: Queryable;
  private readonly schema: string;
  private readonly clock: Clock;
  private readonly upcast: ReturnType<typeof upcasterChain>;
  private readonly listeners = new Set<AppendedListener>();
  /** Set on a store bound to a transaction: its appends are announced only after the caller commits. */
  private readonly deferred: [string, AppendResult][] | null = null;
  private readonly sql: { append: string; readAll: string; readAllTyped: string };

  constructor(options: PostgresEventStoreOptions) {
    super();
    this.pool = options.pool;
    this.schema = assertSchemaName(options.schema);
    this.clock = options.clock ?? new SystemClock();
    this.upcast = upcasterChain(options.upcasters ?? []);
    const s = this.schema;
    const readAll = `select ${COLUMNS} from ${s}.events
      where (transaction_id, global_position) > ($1::xid8, $2::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
    this.sql = {
      append: `select next_version::text, last_position::text, already_stored from ${s}.append_events($1, $2, $3, $4, $5)`,
      readAll: `${readAll} order by events.transaction_id, events.global_position limit $3`,
      readAllTyped: `${readAll} and event_type = any($4::text[]) order by events.transaction_id, events.global_position limit $3`,
    };
  }

  /** Creates or upgrades the schema; safe to call from several instances at once. */
  async migrate(): Promise<void> {
    if (!('totalCount' in this.pool)) throw new Error('migrate() needs a pool, not a client');
    await runMigrations(this.pool as Pool, this.schema, eventStoreMigrations);
  }

  /** See EventStore.withTransaction; listeners are shared with this instance. */
  withTransaction(client: PoolClient): TransactionalEventStore {
    const bound = new PostgresEventStore({ pool: client, schema: this.schema, clock: this.clock });
    const deferred: [string, AppendResult][] = [];
    Object.assign(bound, { upcast: this.upcast, deferred });
    return Object.assign(bound, {
      committed: () => {
        for (const [streamId, result] of deferred.splice(0)) this.notify(streamId, result);
      },
    });
  }

  private notify(streamId: string, result: AppendResult): void {
    for (const listener of this.listeners) listener(streamId, result);
  }

  get schemaName(): string {
    return this.schema;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const recordedAt = options.recordedAt ?? this.clock.now();
    const payload = JSON.stringify(
      events.map((event) => {
        const eventId = event.eventId ?? randomUUID();
        const schemaVersion = event.schemaVersion ?? 1;
        const effectiveOn = event.effectiveOn ?? null;
        const hashed = { eventId, type: event.type, schemaVersion, streamId, data: event.data, effectiveOn };
        return {
          event_id: eventId,
          event_type: event.type,
          schema_version: schemaVersion,
          data: event.data,
          effective_on: effectiveOn,
          content_hash: contentHash({ ...hashed, recordedAt, metadata: options.metadata }),
        };
      }),
    );
    const expected = encodeExpected(options.expectedVersion ?? 'any');
    const result = await this.appendWithRetry(
      streamId,
      expected,
      recordedAt,
      JSON.stringify(options.metadata),
      payload,
    );
    if (this.deferred) this.deferred.push([streamId, result]);
    else this.notify(streamId, result);
    return result;
  }

  private async appendWithRetry(
    streamId: string,
    expected: bigint,
    recordedAt: Date,
    metadata: string,
    payload: string,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{
          next_version: string;
          last_position: string;
          already_stored: boolean;
        }>({
          name: `${this.schema}.append`,
          text: this.sql.append,
          values: [streamId, expected.toString(), recordedAt, metadata, payload],
        });
        const row = rows[0]!;
        return {
          nextExpectedVersion: BigInt(row.next_version),
          lastGlobalPosition: BigInt(row.last_position),
          alreadyStored: row.already_stored,
        };
      } catch (error) {
        const code = (error as { code?: string }).code;
        // a retry of an append that already happened fails on the event_id key, or on the version check
        // when the stream moved on; either way it returns what was stored the first time
        const maybeRetry =
          (code === SQLSTATE.uniqueViolation && isEventIdViolation(error)) ||
          code === SQLSTATE.wrongExpectedVersion;
        if (maybeRetry && !this.deferred) {
          const stored = await this.storedResult(payload);
          if (stored) return stored;
        }
        if (code === SQLSTATE.wrongExpectedVersion) {
          throw new WrongExpectedVersionError(streamId, describeExpected(expected), (error as Error).message);
        }
        // A concurrent writer won the race for the same version (or inserted the same event id first): with
        // an exact expectation that is a conflict; otherwise re-run, which re-reads the stream.
        const raced = code === SQLSTATE.uniqueViolation || code === SQLSTATE.staleTransaction;
        if (raced && expected > 0n && code === SQLSTATE.uniqueViolation && !isEventIdViolation(error)) {
          throw new WrongExpectedVersionError(streamId, describeExpected(expected));
        }
        if (raced && this.deferred) {
          // inside the caller's transaction the failed statement aborted it: the caller must start over
          throw new WrongExpectedVersionError(streamId, describeExpected(expected), (error as Error).message);
        }
        if (!raced || attempt >= RETRIES_ON_RACE) throw error;
        await backoff(attempt);
      }
    }
  }

  /** What a previous append of these event ids stored: the result a retry returns. */
  private async storedResult(payload: string): Promise<AppendResult | null> {
    const ids = (JSON.parse(payload) as { event_id: string }[]).map((e) => e.event_id);
    const { rows } = await this.pool.query<{ n: number; version: string | null; position: string | null }>(
      `select count(*)::int as n, max(stream_version)::text as version, max(global_position)::text as position
         from ${this.schema}.events where event_id = any($1::uuid[])`,
      [ids],
    );
    const row = rows[0];
    if (!row?.version || !row.position || row.n !== ids.length) return null;
    return {
      nextExpectedVersion: BigInt(row.version),
      lastGlobalPosition: BigInt(row.position),
      alreadyStored: true,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const conditions = ['stream_id = $1'];
    const values: unknown[] = [streamId];
    if (options.toVersion !== undefined) {
      values.push(options.toVersion.toString());
      conditions.push(`stream_version <= $${values.length}`);
    }
    if (options.effectiveOnOrBefore !== undefined) {
      values.push(options.effectiveOnOrBefore);
      conditions.push(`(effective_on is null or effective_on <= $${values.length}::date)`);
    }
    if (options.recordedAtOrBefore !== undefined) {
      values.push(options.recordedAtOrBefore);
      conditions.push(`recorded_at <= $${values.length}`);
    }
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from ${this.schema}.events where ${conditions.join(' and ')} order by stream_version`,
      values,
    );
    return rows.map((row) => this.toStored(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? START;
    const limit = options.limit ?? 1000;
    const values: unknown[] = [after.transactionId.toString(), after.globalPosition.toString(), limit];
    const typed = options.types !== undefined;
    if (typed) values.push(options.types);
    const { rows } = await this.pool.query<EventRow>({
      name: `${this.schema}.readAll${typed ? 'Typed' : ''}`,
      text: typed ? this.sql.readAllTyped : this.sql.readAll,
      values,
    });
    return rows.map((row) => this.toStored(row));
  }

  async queryLog(query: EventLogQuery): Promise<StoredEvent[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (sql: (param: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    if (query.types?.length) where((p) => `event_type = any(${p}::text[])`, query.types);
    if (query.streamId !== undefined) where((p) => `stream_id = ${p}`, query.streamId);
    if (query.actor !== undefined) where((p) => `metadata->'actor'->>'sub' = ${p}`, query.actor);
    if (query.recordedFrom) where((p) => `recorded_at >= ${p}`, query.recordedFrom);
    if (query.recordedTo) where((p) => `recorded_at <= ${p}`, query.recordedTo);
    if (query.effectiveFrom) where((p) => `effective_on >= ${p}::date`, query.effectiveFrom);
    if (query.effectiveTo) where((p) => `effective_on <= ${p}::date`, query.effectiveTo);
    const after = query.after ?? START;
    values.push(after.transactionId.toString(), after.globalPosition.toString());
    conditions.push(
      `(transaction_id, global_position) > ($${values.length - 1}::xid8, $${values.length}::bigint)`,
    );
    conditions.push('transaction_id < pg_snapshot_xmin(pg_current_snapshot())');
    values.push(Math.min(Math.max(query.limit ?? 100, 1), 10_000));
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from ${this.schema}.events
        where ${conditions.join(' and ')}
        order by events.transaction_id, events.global_position limit $${values.length}`,
      values,
    );
    return rows.map((row) => this.toStored(row));
  }

  onAppended(listener: AppendedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private toStored(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.upcast(row.event_type, row.schema_version, row.data);
    return {
      eventId: row.event_id,
      type: row.event_type,
      schemaVersion,
      streamId: row.stream_id,
      streamVersion: BigInt(row.stream_version),
      globalPosition: BigInt(row.global_position),
      transactionId: BigInt(row.transaction_id),
      data,
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      metadata: row.metadata,
      hash: row.hash,
      previousHash: row.previous_hash,
    };
  }
}

const encodeExpected = (expected: ExpectedVersion): bigint => {
  if (expected === 'any') return -1n;
  if (expected === 'no-stream') return 0n;
  const exact = BigInt(expected);
  if (exact < 1n) throw new Error(`Exact expected version must be >= 1, got ${exact}`);
  return exact;
};

const describeExpected = (expected: bigint): string =>
  expected === -1n ? 'any' : expected === 0n ? 'no-stream' : expected.toString();

const isEventIdViolation = (error: unknown): boolean =>
  String((error as { constraint?: string }).constraint ?? '').includes('event_id');
