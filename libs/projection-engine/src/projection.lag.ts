import { topicFor, type ServiceName } from '@coe/contracts';
import type { EventStore } from '@coe/event-store';
import { inProcessPosition, type KafkaAdmin } from '@coe/messaging';
import type { Pool } from 'pg';

export type Lag = {
  eventsBehind: number;
  secondsBehind: number;
  /** False when `eventsBehind` is only a lower bound (an in-process scan stops at LAG_SCAN_LIMIT). */
  exact: boolean;
};

export type LagQuestion = {
  consumer: string;
  /** Its Kafka consumer group suffix when it shares a feed's (default: `consumer`). */
  group?: string;
  sources: readonly ServiceName[];
  startedAt: Date;
  /** In-process, how many events to count at most (1 answers "is anything left?" cheaply). */
  scanLimit?: number;
};

export type LagProbe = { lag(question: LagQuestion): Promise<Lag> };

// Counting through the store's public read API; past this many events "behind" is a lower bound.
const LAG_SCAN_LIMIT = 10_000;

const secondsSince = (then: Date, now: Date): number =>
  Math.max(0, Math.round((now.getTime() - then.getTime()) / 100) / 10);

/** Single process: the events of each source store after the consumer's position there. */
export const inProcessLag = (
  pool: Pool,
  schema: string,
  stores: ReadonlyMap<ServiceName, EventStore>,
): LagProbe => ({
  async lag({ consumer, sources, scanLimit = LAG_SCAN_LIMIT }) {
    const now = new Date();
    const result: Lag = { eventsBehind: 0, secondsBehind: 0, exact: true };
    for (const source of sources) {
      const store = stores.get(source);
      if (!store) continue;
      const after = await inProcessPosition(pool, schema, consumer, source);
      const behind = await store.readAll({ after, limit: scanLimit });
      result.eventsBehind += behind.length;
      if (behind.length === scanLimit) result.exact = false;
      const oldest = behind[0];
      if (oldest) result.secondsBehind = Math.max(result.secondsBehind, secondsSince(oldest.recordedAt, now));
    }
    return result;
  },
});

/**
 * Distributed: the topics' end offsets minus the group's committed offsets. Seconds behind is the age of
 * the last event the consumer applied while events wait (Kafka does not say when the next one was
 * recorded without reading it).
 */
export const kafkaLag = (
  pool: Pool,
  schema: string,
  admin: () => Promise<KafkaAdmin>,
  topicPrefix: string,
): LagProbe => ({
  async lag({ consumer, group, sources, startedAt }) {
    const client = await admin();
    const topics = sources.map((s) => topicFor(topicPrefix, s));
    const committed = await client.fetchOffsets({ groupId: `${topicPrefix}.${group ?? consumer}`, topics });
    let eventsBehind = 0;
    for (const topic of topics) {
      const ends = await client.fetchTopicOffsets(topic);
      const group = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const offset = group.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = BigInt(offset) < 0n ? BigInt(end.low) : BigInt(offset);
        eventsBehind += Number(BigInt(end.high) - from);
      }
    }
    if (eventsBehind === 0) return { eventsBehind, secondsBehind: 0, exact: true };
    const { rows } = await pool.query<{ last: Date | null }>(
      `select max(last_recorded_at) as last from ${schema}.projection_progress where consumer = $1`,
      [consumer],
    );
    return { eventsBehind, secondsBehind: secondsSince(rows[0]?.last ?? startedAt, new Date()), exact: true };
  },
});
