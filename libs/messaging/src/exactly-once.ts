import type { IntegrationEvent } from '@coe/contracts';
import { assertSchemaName } from '@coe/event-store';
import type { Pool, PoolClient } from 'pg';
import type { EventHandler } from './event-handler';

export type ApplyOutcome = { applied: number; duplicates: number; parked: number };

export type ExactlyOnceOptions = {
  pool: Pool;
  /** Schema holding consumer_positions, processed_events and dead_letters (the consumer's own). */
  schema: string;
  handler: EventHandler;
  /** Attempts of a single event before it is parked. */
  maxAttempts?: number;
  log?: (message: string) => void;
};

/**
 * Where a batch was read: a topic's partition (Kafka), or a source store read in its global order
 * (in-process: the service's name, partition 0). Events arrive there in the order the relay publishes.
 */
export type Feed = { topic: string; partition: number };

/** The relay's publishing order: (transaction id, global position). */
type Key = { transactionId: bigint; globalPosition: bigint };

const after = (event: IntegrationEvent, key: Key | null): boolean =>
  key === null ||
  event.transactionId! > key.transactionId ||
  (event.transactionId === key.transactionId && event.globalPosition > key.globalPosition);

/**
 * Applies events so that each has its effect exactly once. The handler's writes commit in one transaction
 * with the consumer's position in the feed: the last event by (transaction id, global position), the
 * order the relay publishes in. Within a feed the events arrive in that order, so one at or before the
 * position was seen already: redelivered by Kafka, or published again by a relay that restarted before
 * saving its checkpoint (which republishes the same events in the same order). One row per partition
 * instead of one per event: catching up, recording each event's id took half of PostgreSQL's time.
 * Events without a transaction id (published before the header existed) are told apart by their ids in
 * processed_events, as every event was before; a consumer that has such ids also checks the others
 * against them, so an event published again after the upgrade is still seen as a duplicate.
 * A batch is tried as one transaction; if it fails, its events are retried one by one so a single bad
 * event is parked in dead_letters (and counts as consumed) while the others are applied.
 */
export class ExactlyOnceApplier {
  private readonly schema: string;
  private readonly maxAttempts: number;
  private readonly handles: (type: string) => boolean;

  constructor(private readonly options: ExactlyOnceOptions) {
    this.schema = assertSchemaName(options.schema);
    this.maxAttempts = options.maxAttempts ?? 3;
    const types = options.handler.eventTypes ? new Set(options.handler.eventTypes) : null;
    this.handles = (type) => types === null || types.has(type);
  }

  get consumer(): string {
    return this.options.handler.name;
  }

  /**
   * `events` in the order they were read from `feed`. `keepAlive` is awaited between events when a
   * failed batch is retried one by one, which can take long (a Kafka consumer heartbeats there, so its
   * group does not evict it meanwhile); if it throws, the rest of the batch is left for redelivery.
   */
  async applyBatch(
    events: IntegrationEvent[],
    feed: Feed,
    keepAlive?: () => Promise<void>,
  ): Promise<ApplyOutcome> {
    if (events.length === 0) return { applied: 0, duplicates: 0, parked: 0 };
    try {
      return await this.inTransaction((tx) => this.consume(tx, events, feed));
    } catch (error) {
      if (events.length === 1) return this.applyOneWithRetries(events[0]!, feed);
      this.options.log?.(
        `batch of ${events.length} failed (${(error as Error).message}); applying one by one`,
      );
      const total: ApplyOutcome = { applied: 0, duplicates: 0, parked: 0 };
      for (const event of events) {
        await keepAlive?.();
        const outcome = await this.applyOneWithRetries(event, feed);
        total.applied += outcome.applied;
        total.duplicates += outcome.duplicates;
        total.parked += outcome.parked;
      }
      return total;
    }
  }

  /** Re-applies parked events (all, or one id); each leaves dead_letters when it succeeds. */
  async retryParked(eventId?: string): Promise<{ retried: number; stillFailing: number }> {
    const { rows } = await this.options.pool.query<{ id: string; event: SerializedEvent }>(
      `select id, event from ${this.schema}.dead_letters where consumer = $1 and ($2::uuid is null or event_id = $2::uuid) order by id`,
      [this.consumer, eventId ?? null],
    );
    let retried = 0;
    let stillFailing = 0;
    for (const row of rows) {
      try {
        // consumed when it was parked (the position counts it): applied here, and only here
        await this.inTransaction(async (tx) => {
          const deleted = await tx.query(`delete from ${this.schema}.dead_letters where id = $1`, [row.id]);
          if (deleted.rowCount === 0) return; // retried meanwhile by another instance
          await this.apply(tx, [deserialize(row.event)]);
        });
        retried++;
      } catch (error) {
        stillFailing++;
        await this.options.pool.query(
          `update ${this.schema}.dead_letters set attempts = attempts + 1, error = $2 where id = $1`,
          [row.id, describeError(error)],
        );
      }
    }
    return { retried, stillFailing };
  }

  async parkedCount(): Promise<number> {
    const { rows } = await this.options.pool.query<{ n: number }>(
      `select count(*)::int as n from ${this.schema}.dead_letters where consumer = $1`,
      [this.consumer],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Takes the events of the batch not seen before, hands them to `effect` (the handler, or parking), and
   * moves the position past them, all in `tx`.
   */
  private async consume(
    tx: PoolClient,
    events: IntegrationEvent[],
    feed: Feed,
    effect: (tx: PoolClient, fresh: IntegrationEvent[]) => Promise<void> = (t, fresh) => this.apply(t, fresh),
  ): Promise<ApplyOutcome> {
    // locks the feed's position: a member evicted while applying this partition makes the new owner wait
    // here, and then see what it applied
    const { rows } = await tx.query<{
      transaction_id: string | null;
      global_position: string | null;
      has_ids: boolean;
    }>(
      `insert into ${this.schema}.consumer_positions as p (consumer, topic, partition) values ($1, $2, $3)
       on conflict (consumer, topic, partition) do update set updated_at = p.updated_at
       returning transaction_id::text, global_position::text,
         exists (select 1 from ${this.schema}.processed_events where consumer = $1) as has_ids`,
      [this.consumer, feed.topic, feed.partition],
    );
    const stored = rows[0]!;
    const start: Key | null =
      stored.transaction_id === null
        ? null
        : { transactionId: BigInt(stored.transaction_id), globalPosition: BigInt(stored.global_position!) };
    let last = start;
    let unkeyed = false;
    const candidates: IntegrationEvent[] = [];
    for (const event of events) {
      if (event.transactionId === null) unkeyed = true;
      else if (!after(event, last)) continue;
      else last = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      candidates.push(event);
    }
    const fresh = unkeyed || stored.has_ids ? await this.newByIds(tx, candidates) : candidates;
    await effect(tx, fresh);
    if (fresh.length > 0 || last !== start)
      await tx.query(
        `update ${this.schema}.consumer_positions
         set transaction_id = $4::xid8, global_position = $5, events = events + $6, updated_at = now()
         where consumer = $1 and topic = $2 and partition = $3`,
        [
          this.consumer,
          feed.topic,
          feed.partition,
          last?.transactionId.toString() ?? null,
          last?.globalPosition.toString() ?? null,
          fresh.length,
        ],
      );
    return { applied: fresh.length, duplicates: events.length - fresh.length, parked: 0 };
  }

  /**
   * The candidates whose ids are not in processed_events: those without a transaction id are recorded
   * there (their only way to be known again); the others are only looked up.
   */
  private async newByIds(tx: PoolClient, candidates: IntegrationEvent[]): Promise<IntegrationEvent[]> {
    const unkeyed = candidates.filter((e) => e.transactionId === null).map((e) => e.id);
    const keyed = candidates.filter((e) => e.transactionId !== null).map((e) => e.id);
    const { rows } = await tx.query<{ recorded: string[]; known: string[] }>(
      `with recorded as (
         insert into ${this.schema}.processed_events (consumer, event_id)
         select $1, id from unnest($2::uuid[]) as id on conflict do nothing returning event_id)
       select
         (select coalesce(array_agg(event_id)::text[], '{}') from recorded) as recorded,
         (select coalesce(array_agg(event_id)::text[], '{}') from ${this.schema}.processed_events
          where consumer = $1 and event_id = any($3::uuid[])) as known`,
      [this.consumer, unkeyed, keyed],
    );
    const recorded = new Set(rows[0]!.recorded);
    const known = new Set(rows[0]!.known);
    // an id seen twice in one batch is taken at its first occurrence only
    return candidates.filter((e) => (e.transactionId === null ? recorded.delete(e.id) : !known.has(e.id)));
  }

  /** The handler's effect of the events of the types it handles. */
  private async apply(tx: PoolClient, events: IntegrationEvent[]): Promise<void> {
    const { handler } = this.options;
    events = events.filter((e) => this.handles(e.type));
    if (events.length === 0) return;
    if (handler.handleBatch) return handler.handleBatch(events, tx);
    for (const event of events) await handler.handle(event, tx);
  }

  private async applyOneWithRetries(event: IntegrationEvent, feed: Feed): Promise<ApplyOutcome> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        return await this.inTransaction((tx) => this.consume(tx, [event], feed));
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
    this.options.log?.(`parking ${event.type} ${event.id} for ${this.consumer}: ${describeError(lastError)}`);
    const parked = await this.inTransaction((tx) =>
      this.consume(tx, [event], feed, async (t, fresh) => {
        for (const e of fresh)
          await t.query(
            `insert into ${this.schema}.dead_letters (consumer, event_id, event_type, stream_id, event, error, attempts)
             values ($1, $2, $3, $4, $5, $6, $7)
             on conflict (consumer, event_id) do update set error = excluded.error, attempts = dead_letters.attempts + excluded.attempts`,
            [
              this.consumer,
              e.id,
              e.type,
              e.streamId,
              serialize(e),
              describeError(lastError),
              this.maxAttempts,
            ],
          );
      }),
    );
    return { applied: 0, duplicates: parked.duplicates, parked: parked.applied };
  }

  private async inTransaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    const tx = await this.options.pool.connect();
    try {
      await tx.query('begin');
      const result = await work(tx);
      await tx.query('commit');
      return result;
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }
}

type SerializedEvent = Omit<
  IntegrationEvent,
  'streamVersion' | 'globalPosition' | 'transactionId' | 'recordedAt'
> & {
  streamVersion: string;
  globalPosition: string;
  /** Absent in events parked before it existed. */
  transactionId?: string | null;
  recordedAt: string;
};

const serialize = (event: IntegrationEvent): SerializedEvent => ({
  ...event,
  streamVersion: event.streamVersion.toString(),
  globalPosition: event.globalPosition.toString(),
  transactionId: event.transactionId?.toString() ?? null,
  recordedAt: event.recordedAt.toISOString(),
});

const deserialize = (event: SerializedEvent): IntegrationEvent => ({
  ...event,
  streamVersion: BigInt(event.streamVersion),
  globalPosition: BigInt(event.globalPosition),
  transactionId: event.transactionId == null ? null : BigInt(event.transactionId),
  recordedAt: new Date(event.recordedAt),
});

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
