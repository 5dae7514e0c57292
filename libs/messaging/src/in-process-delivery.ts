import type { ServiceName } from '@coe/contracts';
import { assertSchemaName, EventStore, START, type GlobalCheckpoint } from '@coe/event-store';
import type { Pool } from 'pg';
import type { EventHandler } from './event-handler';
import { ExactlyOnceApplier } from './exactly-once';
import { fromStoredEvent } from './integration-events';
import { WakeSignal } from './wake-signal';

export type InProcessSource = { service: ServiceName; store: EventStore };

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
 * applies them through the same ExactlyOnceApplier as the Kafka consumer. The read checkpoint commits in
 * the same transaction as the handler's writes.
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
      const after = await this.checkpoint(source.service);
      const stored = await source.store.readAll({ after, limit: this.options.batchSize ?? 500 });
      if (stored.length === 0) continue;
      const positions = new Map(stored.map((e) => [e.eventId, EventStore.checkpointOf(e)]));
      await this.applier.applyBatch(
        stored.map((e) => fromStoredEvent(e, source.service)),
        // the store read in its global order: one feed
        { topic: source.service, partition: 0 },
        // the batch may be split to isolate a failing event: checkpoint what this transaction covers
        async (tx, events) => {
          const next = positions.get(events.at(-1)!.id)!;
          await tx.query(
            `insert into ${this.schema}.delivery_checkpoints (consumer, source, transaction_id, global_position)
             values ($1, $2, $3::xid8, $4)
             on conflict (consumer, source) do update
               set transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
            [this.name, source.service, next.transactionId.toString(), next.globalPosition.toString()],
          );
        },
      );
      delivered += stored.length;
    }
    return delivered;
  }

  private async checkpoint(source: string): Promise<GlobalCheckpoint> {
    const { rows } = await this.options.pool.query<{ transaction_id: string; global_position: string }>(
      `select transaction_id::text, global_position from ${this.schema}.delivery_checkpoints where consumer = $1 and source = $2`,
      [this.name, source],
    );
    const row = rows[0];
    return row
      ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) }
      : START;
  }
}
