import type { ServiceName } from '@coe/contracts';
import {
  assertSchemaName,
  EventStore,
  START,
  type GlobalCheckpoint,
  type StoredEventText,
} from '@coe/event-store';
import type { Pool, PoolClient } from 'pg';
import type { EventPublisher } from './event-publisher';
import { toKafkaRecord, toKafkaRecordFromText, type KafkaRecord } from './integration-events';
import type { ContractData, PublishedEventOf } from './to-contracts';
import { WakeSignal } from './wake-signal';

export type EventRelayOptions = {
  /** Checkpoint key, e.g. `mou-negotiation:kafka`. */
  name: string;
  service: ServiceName;
  store: EventStore;
  pool: Pool;
  /** Schema of the relay_checkpoints table (the service's own). */
  schema: string;
  publisher: EventPublisher;
  topic: string;
  batchSize?: number;
  /** Fallback poll for appends made by other processes; in-process appends wake the relay at once. */
  idlePollMs?: number;
  maxBackoffMs?: number;
  /**
   * Maps a stored event to what the world sees, or null to keep it private (a service's `publishedBy`).
   * Default: as stored.
   */
  toIntegrationEvent?: PublishedEventOf;
  log?: (message: string) => void;
};

/**
 * The records `toKafkaRecord(map(event))` gives for events read as text, private ones left out: a type
 * published as stored keeps the stored JSON; any other has its entry applied to the decoded data.
 */
const contractRecords = (
  events: StoredEventText[],
  service: ServiceName,
  contractData: ReadonlyMap<string, ContractData>,
): KafkaRecord[] => {
  const records: KafkaRecord[] = [];
  for (const event of events) {
    const toContract = contractData.get(event.type);
    if (toContract === undefined) continue;
    const record = toKafkaRecordFromText(event, service);
    records.push(
      toContract === 'as-stored'
        ? record
        : { ...record, value: JSON.stringify(toContract(JSON.parse(event.data))) },
    );
  }
  return records;
};

/** A page read after a checkpoint: how many events, the checkpoint after its last, the records to publish. */
type Page = { size: number; next: GlobalCheckpoint; records: KafkaRecord[] };

export type RelayStatus = {
  running: boolean;
  /** Holds the advisory lock: the one active relay for this store. */
  active: boolean;
  published: number;
  checkpoint: GlobalCheckpoint;
  lastError: string | null;
};

/**
 * Publishes a store's committed events to its topic in global order. The checkpoint is saved after the
 * broker acknowledged a batch, so a crash in between republishes that batch (same ce_id, ignored by
 * consumers) and nothing is ever skipped. While Kafka is down the relay backs off and retries the same batch.
 * Only one instance per store publishes at a time (PostgreSQL advisory lock); others stand by.
 */
export class EventRelay {
  private readonly wake = new WakeSignal();
  private readonly schema: string;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private lockClient: PoolClient | null = null;
  private checkpoint: GlobalCheckpoint | null = null;
  /** The next page, read while the current one was being published. */
  private ahead: { after: GlobalCheckpoint; page: Promise<Page> } | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly state: RelayStatus = {
    running: false,
    active: false,
    published: 0,
    checkpoint: START,
    lastError: null,
  };

  constructor(private readonly options: EventRelayOptions) {
    this.schema = assertSchemaName(options.schema);
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.state.running = true;
    this.unsubscribe = this.options.store.onAppended(() => this.wake.notify());
    this.loop = this.run().finally(() => {
      this.state.running = false;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.notify();
    await this.loop;
    this.loop = null;
    this.unsubscribe?.();
    await this.releaseLock();
  }

  status(): RelayStatus {
    return { ...this.state };
  }

  /** Publishes until nothing is left (tests, benchmarks, shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.publishBatch(); n > 0; n = await this.publishBatch()) total += n;
    return total;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        if (!(await this.acquireLock())) {
          await this.wake.wait(2000);
          continue;
        }
        const published = await this.publishBatch();
        this.state.lastError = null;
        backoff = 100;
        if (published === 0) await this.wake.wait(this.options.idlePollMs ?? 100);
      } catch (error) {
        this.state.lastError = (error as Error).message;
        this.options.log?.(
          `relay ${this.options.name}: ${(error as Error).message}; retrying in ${backoff} ms`,
        );
        await this.wake.wait(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    // the active relay is the only writer of its checkpoint, so memory is authoritative once loaded
    const checkpoint = (this.checkpoint ??= await this.loadCheckpoint());
    const limit = this.options.batchSize ?? 1000;
    const page = await this.readPage(checkpoint, limit);
    if (page.size === 0) return 0;
    // a full page: more is probably waiting; PostgreSQL reads the next page while Kafka takes this one
    if (page.size === limit) this.prefetch(page.next, limit);
    if (page.records.length > 0) await this.options.publisher.publish(this.options.topic, page.records);
    await this.options.pool.query(
      `insert into ${this.schema}.relay_checkpoints (relay, transaction_id, global_position, updated_at)
       values ($1, $2::xid8, $3, now())
       on conflict (relay) do update set transaction_id = excluded.transaction_id,
         global_position = excluded.global_position, updated_at = now()`,
      [this.options.name, page.next.transactionId.toString(), page.next.globalPosition.toString()],
    );
    this.checkpoint = page.next;
    this.state.checkpoint = page.next;
    this.state.published += page.records.length;
    return page.size;
  }

  /**
   * The page after `after`: the one read ahead when it starts exactly there (the same checkpoint object,
   * so after a failed publish or a lost lock, where the checkpoint is another, it is read again).
   */
  private readPage(after: GlobalCheckpoint, limit: number): Promise<Page> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead?.after === after) return ahead.page;
    return this.read(after, limit);
  }

  private prefetch(after: GlobalCheckpoint, limit: number): void {
    const page = this.read(after, limit);
    page.catch(() => undefined); // a failed read ahead is read again, and fails there if it must
    this.ahead = { after, page };
  }

  /**
   * Without a map, or with one that says per type what it does (`contractData`), events are read as text and
   * each record is built from PostgreSQL's text (the data as jsonb wrote it): only the data of a type whose
   * entry changes it is decoded and re-encoded. Any other map needs the decoded event.
   */
  private async read(after: GlobalCheckpoint, limit: number): Promise<Page> {
    const { store, service, toIntegrationEvent: map } = this.options;
    if (!map || map.contractData) {
      const events = await store.readAllText({ after, limit });
      const last = events.at(-1);
      return {
        size: events.length,
        next: last ? EventStore.checkpointOfText(last) : after,
        records: map?.contractData
          ? contractRecords(events, service, map.contractData)
          : events.map((event) => toKafkaRecordFromText(event, service)),
      };
    }
    const events = await store.readAll({ after, limit });
    const last = events.at(-1);
    const records: KafkaRecord[] = [];
    for (const event of events) {
      const published = map(event);
      if (published) records.push(toKafkaRecord(published));
    }
    return { size: events.length, next: last ? EventStore.checkpointOf(last) : after, records };
  }

  private async loadCheckpoint(): Promise<GlobalCheckpoint> {
    const { rows } = await this.options.pool.query<{ transaction_id: string; global_position: string }>(
      `select transaction_id::text, global_position from ${this.schema}.relay_checkpoints where relay = $1`,
      [this.options.name],
    );
    const row = rows[0];
    return row
      ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) }
      : START;
  }

  private async acquireLock(): Promise<boolean> {
    if (this.lockClient) return true;
    this.checkpoint = null;
    const client = await this.options.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as locked',
      [`coe-relay:${this.schema}:${this.options.name}`],
    );
    if (!rows[0]?.locked) {
      client.release();
      return false;
    }
    // If this connection dies, PostgreSQL frees the lock and a standby takes over.
    client.once('error', (error) => {
      if (this.lockClient !== client) return; // already released
      this.lockClient = null;
      this.state.active = false;
      // back to the pool as broken, so it is discarded: kept checked out, every restart of PostgreSQL
      // would leak one of the pool's connections
      client.release(error);
    });
    this.lockClient = client;
    this.state.active = true;
    return true;
  }

  private async releaseLock(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = null;
    this.state.active = false;
    if (!client) return;
    try {
      await client.query('select pg_advisory_unlock(hashtext($1))', [
        `coe-relay:${this.schema}:${this.options.name}`,
      ]);
      client.release();
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }
}
