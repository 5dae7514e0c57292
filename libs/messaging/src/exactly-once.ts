import type { IntegrationEvent } from '@coe/contracts';
import { assertSchemaName } from '@coe/event-store';
import type { Pool, PoolClient } from 'pg';
import type { EventHandler } from './event-handler';

export type ApplyOutcome = { applied: number; duplicates: number; parked: number };

export type ExactlyOnceOptions = {
  pool: Pool;
  /** Schema holding processed_events and dead_letters (the consumer's own). */
  schema: string;
  handler: EventHandler;
  /** Attempts of a single event before it is parked. */
  maxAttempts?: number;
  log?: (message: string) => void;
};

/** Extra writes that must commit with the batch, e.g. an in-process delivery checkpoint. */
export type WithinBatch = (tx: PoolClient, events: IntegrationEvent[]) => Promise<void>;

/**
 * Applies events so that each has its effect exactly once: the handler's writes and the processed-event ids
 * commit in one transaction, and ids already recorded are skipped (redeliveries, relay republishing).
 * A batch is tried as one transaction; if it fails, its events are retried one by one so a single bad event
 * is parked in dead_letters while the others are applied.
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
   * `keepAlive` is awaited between events when a failed batch is retried one by one, which can take long
   * (a Kafka consumer heartbeats there, so its group does not evict it meanwhile); if it throws, the
   * rest of the batch is left for redelivery.
   */
  async applyBatch(
    events: IntegrationEvent[],
    within?: WithinBatch,
    keepAlive?: () => Promise<void>,
  ): Promise<ApplyOutcome> {
    if (events.length === 0) return { applied: 0, duplicates: 0, parked: 0 };
    try {
      return await this.inTransaction((tx) => this.applyAll(tx, events, within));
    } catch (error) {
      if (events.length === 1) return this.applyOneWithRetries(events[0]!, within);
      this.options.log?.(
        `batch of ${events.length} failed (${(error as Error).message}); applying one by one`,
      );
      const total: ApplyOutcome = { applied: 0, duplicates: 0, parked: 0 };
      for (const event of events) {
        await keepAlive?.();
        const outcome = await this.applyOneWithRetries(event, within);
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
        await this.inTransaction(async (tx) => {
          await this.applyAll(tx, [deserialize(row.event)]);
          await tx.query(`delete from ${this.schema}.dead_letters where id = $1`, [row.id]);
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

  private async applyAll(
    tx: PoolClient,
    events: IntegrationEvent[],
    within?: WithinBatch,
  ): Promise<ApplyOutcome> {
    // the new ids come back only when some were not new (or repeated in the batch): rarely, so a batch
    // of thousands does not send them all back
    const { rows } = await tx.query<{ fresh: number; ids: string[] | null }>(
      `with fresh as (
         insert into ${this.schema}.processed_events (consumer, event_id)
         select $1, id from unnest($2::uuid[]) as id on conflict do nothing returning event_id)
       select count(*)::int as fresh,
         case when count(*) < $3 then coalesce(array_agg(event_id)::text[], '{}') end as ids
       from fresh`,
      [this.consumer, events.map((e) => e.id), events.length],
    );
    const { fresh: applied, ids } = rows[0]!;
    const fresh = ids === null ? null : new Set(ids);
    const handled: IntegrationEvent[] = [];
    for (const event of events) {
      // an id seen twice in one batch is applied at its first occurrence only
      if (fresh !== null && !fresh.delete(event.id)) continue;
      if (this.handles(event.type)) handled.push(event);
    }
    await this.handle(tx, handled);
    await within?.(tx, events);
    return { applied, duplicates: events.length - applied, parked: 0 };
  }

  private async handle(tx: PoolClient, events: IntegrationEvent[]): Promise<void> {
    const { handler } = this.options;
    if (events.length === 0) return;
    if (handler.handleBatch) return handler.handleBatch(events, tx);
    for (const event of events) await handler.handle(event, tx);
  }

  private async applyOneWithRetries(event: IntegrationEvent, within?: WithinBatch): Promise<ApplyOutcome> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        return await this.inTransaction((tx) => this.applyAll(tx, [event], within));
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
    this.options.log?.(`parking ${event.type} ${event.id} for ${this.consumer}: ${describeError(lastError)}`);
    await this.inTransaction(async (tx) => {
      await tx.query(
        `insert into ${this.schema}.dead_letters (consumer, event_id, event_type, stream_id, event, error, attempts)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (consumer, event_id) do update set error = excluded.error, attempts = dead_letters.attempts + excluded.attempts`,
        [
          this.consumer,
          event.id,
          event.type,
          event.streamId,
          serialize(event),
          describeError(lastError),
          this.maxAttempts,
        ],
      );
      await within?.(tx, [event]);
    });
    return { applied: 0, duplicates: 0, parked: 1 };
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

type SerializedEvent = Omit<IntegrationEvent, 'streamVersion' | 'globalPosition' | 'recordedAt'> & {
  streamVersion: string;
  globalPosition: string;
  recordedAt: string;
};

const serialize = (event: IntegrationEvent): SerializedEvent => ({
  ...event,
  streamVersion: event.streamVersion.toString(),
  globalPosition: event.globalPosition.toString(),
  recordedAt: event.recordedAt.toISOString(),
});

const deserialize = (event: SerializedEvent): IntegrationEvent => ({
  ...event,
  streamVersion: BigInt(event.streamVersion),
  globalPosition: BigInt(event.globalPosition),
  recordedAt: new Date(event.recordedAt),
});

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
