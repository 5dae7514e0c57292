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
import { canonicalJson } from './canonical-json';
import { appendContentHasher, chainHash } from './hash';
import { EMPTY_STREAM, StreamHeads, TransactionHeads, type HeadCache, type StreamHead } from './stream-heads';
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

/** An event ready to insert: its data in canonical JSON (stored and hashed) and its content hash. */
type PreparedEvent = {
  eventId: string;
  type: string;
  schemaVersion: number;
  canonicalData: string;
  effectiveOn: string | null;
  contentHash: string;
};

/** `recordedAt` in ISO 8601 (UTC): hashed, and sent to PostgreSQL as the timestamptz text. */
type PreparedAppend = { recordedAt: string; metadata: string; events: PreparedEvent[] };

const INSERTED_COLUMNS = `event_id, stream_id, stream_version, event_type, schema_version, data, metadata, effective_on,
  recorded_at, content_hash, hash, previous_hash`;

/** One element of the JSON array the multi-event insert reads with jsonb_to_recordset. */
const eventRecord = (event: PreparedEvent, version: bigint, hash: string, previous: string | null): string =>
  `{"event_id":"${event.eventId}","stream_version":${version},"event_type":${JSON.stringify(event.type)},` +
  `"schema_version":${event.schemaVersion},"data":${event.canonicalData},` +
  `"effective_on":${JSON.stringify(event.effectiveOn)},"content_hash":"${event.contentHash}","hash":"${hash}",` +
  `"previous_hash":${JSON.stringify(previous)}}`;

// Jittered and growing to 64 ms: on a loaded machine, writers that retried after at most `attempt` ms kept
// colliding until their 30 tries ran out (seen with 8 writers racing on one stream and the CPU shared).
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 64)));

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
  /** Stream heads this process knows; a store bound to a transaction stages them until the commit. */
  private readonly heads: HeadCache;
  private readonly sql: {
    appendOne: string;
    appendMany: string;
    head: string;
    readAll: string;
    readAllTyped: string;
  };

  constructor(options: PostgresEventStoreOptions) {
    super();
    this.pool = options.pool;
    this.schema = assertSchemaName(options.schema);
    this.clock = options.clock ?? new SystemClock();
    this.upcast = upcasterChain(options.upcasters ?? []);
    this.heads = new StreamHeads();
    const s = this.schema;
    // the head check: the predecessor is there with the hash we chained onto, from an older transaction
    const headIsStill = (
      stream: string,
      version: string,
      hash: string,
    ) => `exists (select 1 from ${s}.events p
        where p.stream_id = ${stream} and p.stream_version = ${version} and p.hash = ${hash}
          and p.transaction_id <= pg_current_xact_id())`;
    const readAll = `select ${COLUMNS} from ${s}.events
      where (transaction_id, global_position) > ($1::xid8, $2::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
    this.sql = {
      appendOne: `insert into ${s}.events (${INSERTED_COLUMNS})
        select $1::uuid, $2::text, $3::bigint, $4::text, $5::int, $6::jsonb, $7::jsonb, $8::date, $9::timestamptz,
               $10::text, $11::text, $12::text
         where $3::bigint = 1 or ${headIsStill('$2::text', '$3::bigint - 1', '$12::text')}`,
      appendMany: `insert into ${s}.events (${INSERTED_COLUMNS})
        select e.event_id, $1::text, e.stream_version, e.event_type, e.schema_version, e.data, $2::jsonb,
               e.effective_on, $3::timestamptz, e.content_hash, e.hash, e.previous_hash
          from rows from (jsonb_to_recordset($4::jsonb) as (event_id uuid, stream_version bigint, event_type text,
                 schema_version int, data jsonb, effective_on date, content_hash text, hash text, previous_hash text))
               with ordinality as e(event_id, stream_version, event_type, schema_version, data, effective_on,
                 content_hash, hash, previous_hash, n)
         where $5::bigint = 0 or ${headIsStill('$1::text', '$5::bigint', '$6::text')}
         order by e.n`,
      head: `select stream_version::text as version, hash from ${s}.events where stream_id = $1
        order by stream_version desc limit 1`,
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
    const heads = new TransactionHeads(this.heads);
    Object.assign(bound, { upcast: this.upcast, deferred, heads });
    return Object.assign(bound, {
      committed: () => {
        heads.committed();
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
    const recordedAt = (options.recordedAt ?? this.clock.now()).toISOString();
    const metadata = canonicalJson(options.metadata);
    const hash = appendContentHasher(streamId, recordedAt, metadata);
    const prepared = events.map((event): PreparedEvent => {
      const content: PreparedEvent = {
        eventId: event.eventId ?? randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        canonicalData: canonicalJson(event.data),
        effectiveOn: event.effectiveOn ?? null,
        contentHash: '',
      };
      content.contentHash = hash(content);
      return content;
    });
    const expected = encodeExpected(options.expectedVersion ?? 'any');
    const result = await this.appendWithRetry(streamId, expected, {
      recordedAt,
      metadata,
      events: prepared,
    });
    if (this.deferred) this.deferred.push([streamId, result]);
    else this.notify(streamId, result);
    return result;
  }

  /**
   * Chains the events onto the stream's head (remembered, or read) and inserts them in one statement that
   * also checks the head: the predecessor must still be there with that hash, written by an older
   * transaction, and the unique (stream_id, stream_version) key refuses a version someone else took.
   */
  private async appendWithRetry(
    streamId: string,
    expected: bigint,
    append: PreparedAppend,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      // after a miss, read the head: other writers keep refreshing the memory, not always with the latest
      const remembered = attempt === 1 ? this.heads.get(streamId) : undefined;
      const head = remembered ?? (expected === 0n ? EMPTY_STREAM : await this.readHead(streamId));
      if (!satisfies(expected, head.version)) {
        this.heads.forget(streamId);
        if (remembered) continue; // this process's memory of the head was stale: read it
        const stored = this.deferred ? null : await this.storedResult(append.events);
        if (stored) return stored;
        throw new WrongExpectedVersionError(
          streamId,
          describeExpected(expected),
          `stream ${streamId} is at version ${head.version}, expected ${describeExpected(expected)}: read it again (ETag "${head.version}") and retry.`,
          head.version,
        );
      }
      try {
        const result = await this.insert(streamId, head, append);
        if (result) return result;
        // nothing inserted: the head was not what we believed, or its transaction is newer than ours
        this.heads.forget(streamId);
        const actual = await this.readHead(streamId);
        if (actual.version === head.version && actual.hash === head.hash) {
          // readers order by transaction id: a later version must never carry an older transaction id
          if (this.deferred || attempt >= RETRIES_ON_RACE)
            throw new WrongExpectedVersionError(
              streamId,
              describeExpected(expected),
              `transaction older than the last event of stream ${streamId}`,
            );
          await backoff(attempt);
        }
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) throw error;
        this.heads.forget(streamId);
        if ((error as { code?: string }).code !== SQLSTATE.uniqueViolation) throw error;
        // a retry of an append that already happened fails on the event_id key: it returns what was stored
        if (!this.deferred) {
          const stored = await this.storedResult(append.events);
          if (stored) return stored;
          if (isEventIdViolation(error)) throw error; // some of the ids are stored, not all: a caller's bug
        }
        // Otherwise a concurrent writer took the version first: with an exact expectation (or inside the
        // caller's transaction, which the failed statement aborted) that is a conflict; else start over.
        if (expected >= 0n || this.deferred || attempt >= RETRIES_ON_RACE)
          throw new WrongExpectedVersionError(streamId, describeExpected(expected), (error as Error).message);
        await backoff(attempt);
      }
    }
  }

  private async insert(
    streamId: string,
    head: StreamHead,
    append: PreparedAppend,
  ): Promise<AppendResult | null> {
    let previous = head.hash;
    let version = head.version;
    const rows = append.events.map((event) => {
      version += 1n;
      const hash = chainHash(previous, version, event.contentHash);
      const row = { event, version, hash, previous };
      previous = hash;
      return row;
    });
    const single = rows.length === 1 ? rows[0]! : null;
    const { rowCount } = await this.pool.query(
      single
        ? {
            name: `${this.schema}.appendOne`,
            text: this.sql.appendOne,
            values: [
              single.event.eventId,
              streamId,
              single.version.toString(),
              single.event.type,
              single.event.schemaVersion,
              single.event.canonicalData,
              append.metadata,
              single.event.effectiveOn,
              append.recordedAt,
              single.event.contentHash,
              single.hash,
              single.previous,
            ],
          }
        : {
            name: `${this.schema}.appendMany`,
            text: this.sql.appendMany,
            values: [
              streamId,
              append.metadata,
              append.recordedAt,
              `[${rows.map(({ event, version, hash, previous }) => eventRecord(event, version, hash, previous)).join(',')}]`,
              head.version.toString(),
              head.hash,
            ],
          },
    );
    if (!rowCount) return null;
    this.heads.set(streamId, { version, hash: previous });
    return { nextExpectedVersion: version, alreadyStored: false };
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const { rows } = await this.pool.query<{ version: string; hash: string }>({
      name: `${this.schema}.head`,
      text: this.sql.head,
      values: [streamId],
    });
    const row = rows[0];
    return row ? { version: BigInt(row.version), hash: row.hash } : EMPTY_STREAM;
  }

  /** What a previous append of these event ids stored: the result a retry returns. */
  private async storedResult(events: PreparedEvent[]): Promise<AppendResult | null> {
    const ids = events.map((e) => e.eventId);
    const { rows } = await this.pool.query<{ n: number; version: string | null }>(
      `select count(*)::int as n, max(stream_version)::text as version
         from ${this.schema}.events where event_id = any($1::uuid[])`,
      [ids],
    );
    const row = rows[0];
    if (!row?.version || row.n !== ids.length) return null;
    return { nextExpectedVersion: BigInt(row.version), alreadyStored: true };
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
    if (values.length === 1) {
      const last = rows.at(-1);
      this.heads.set(
        streamId,
        last ? { version: BigInt(last.stream_version), hash: last.hash } : EMPTY_STREAM,
      );
    }
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

/** -1 any, 0 no stream, n exact. */
const satisfies = (expected: bigint, version: bigint): boolean => expected < 0n || expected === version;

const describeExpected = (expected: bigint): string =>
  expected === -1n ? 'any' : expected === 0n ? 'no-stream' : expected.toString();

const isEventIdViolation = (error: unknown): boolean =>
  String((error as { constraint?: string }).constraint ?? '').includes('event_id');
