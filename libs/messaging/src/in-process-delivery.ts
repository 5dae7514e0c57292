import type { ServiceName } from '@coe/contracts';
import { assertSchemaName, type EventStore, START, type GlobalCheckpoint } from '@coe/event-store';
import type { Pool } from 'pg';
import type { EventHandler } from './event-handler';
import { ExactlyOnceApplier, type Feed } from './exactly-once';
import { fromStoredEvent } from './integration-events';
import type { PublishedEventOf } from './to-contracts';
import { WakeSignal } from './wake-signal';

export type InProcessSource = {
  service: ServiceName;
  store: EventStore;
  /**
   * The service's map to its published events (as its relay publishes them), so a consumer gets the same
   * data in-process as from Kafka. An event it keeps private is passed as stored: no handler takes its
   * type, and it only moves the position.
   */
  toContracts?: PublishedEventOf;
};

/** A source store read in its global order is one feed: its consumer positions are kept under this. */
export const inProcessFeed = (source: ServiceName): Feed => ({ topic: source, partition: 0 });

/**
 * A consumer's position in a source store read in-process: the last event it consumed there, moved by
 * the applier in each batch's transaction (START before its first).
 */
export const inProcessPosition = async (
  pool: Pool,
  schema: string,
  consumer: string,
  source: ServiceName,
): Promise<GlobalCheckpoint> => {
  const { topic, partition } = inProcessFeed(source);
  const { rows } = await pool.query<{ transaction_id: string | null; global_position: string }>(
    `select transaction_id::text, global_position from ${assertSchemaName(schema)}.consumer_positions
     where consumer = $1 and topic = $2 and partition = $3`,
    [consumer, topic, partition],
  );
  const row = rows[0];
  return row?.transaction_id
    ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) }
    : START;
};

export type InProcessDeliveryOptions = {
  pool: Pool;
  /** Schema of the consumer's bookkeeping tables. */
  schema: string;
  handler: EventHandler;
  sources: InProcessSource[];
  batchSize?: number;
  idlePollMs?: number;
  maxAttempts?: number;
  log?: (message: string) => void;
};

/**
 * The single-process transport: reads each source store's committed events directly, in global order, and
 * applies them through the same ExactlyOnceApplier as the Kafka consumer. It reads from the consumer's
 * position in each store, which the applier moves in the same transaction as the handler's writes.
 */
export class InProcessDelivery {
  readonly applier: ExactlyOnceApplier;
  private readonly schema: string;
  private readonly wake = new WakeSignal();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private unsubscribes: (() => void)[] = [];
  private lastError: string | null = null;

  constructor(private readonly options: InProcessDeliveryOptions) {
    this.schema = assertSchemaName(options.schema);
    this.applier = new ExactlyOnceApplier({
      pool: options.pool,
      schema: options.schema,
      handler: options.handler,
      maxAttempts: options.maxAttempts ?? 3,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  get name(): string {
    return this.options.handler.name;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribes = this.options.sources.map((s) => s.store.onAppended(() => this.wake.notify()));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.notify();
    await this.loop;
    this.loop = null;
    this.unsubscribes.forEach((unsubscribe) => unsubscribe());
  }

  /** Delivers everything committed so far (tests, benchmarks). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.deliverOnce(); n > 0; n = await this.deliverOnce()) total += n;
    return total;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.lastError) return { ok: false, detail: this.lastError };
    const parked = await this.applier.parkedCount();
    return parked > 0 ? { ok: false, detail: `${parked} parked event(s)` } : { ok: true };
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        const delivered = await this.deliverOnce();
        this.lastError = null;
        backoff = 100;
        if (delivered === 0) await this.wake.wait(this.options.idlePollMs ?? 100);
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.log?.(`delivery ${this.name}: ${this.lastError}`);
        await this.wake.wait(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private async deliverOnce(): Promise<number> {
    let delivered = 0;
    for (const source of this.options.sources) {
      const after = await inProcessPosition(this.options.pool, this.schema, this.name, source.service);
      const stored = await source.store.readAll({ after, limit: this.options.batchSize ?? 500 });
      if (stored.length === 0) continue;
      await this.applier.applyBatch(
        stored.map((e) => source.toContracts?.(e) ?? fromStoredEvent(e, source.service)),
        inProcessFeed(source.service),
      );
      delivered += stored.length;
    }
    return delivered;
  }
}
