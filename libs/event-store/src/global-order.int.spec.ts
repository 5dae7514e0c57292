import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { EventStore } from './event-store';
import { WrongExpectedVersionError } from './event-store.errors';
import { START, type EventMetadata, type GlobalCheckpoint, type StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';

const metadata: EventMetadata = { actor: { sub: 'writer', roles: [] } };
const WRITERS = 8;
const EVENTS_PER_WRITER = 1000;

describe('the global order under concurrent writers', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = testPool(WRITERS + 2);
    schema = randomSchema('order');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  const readFrom = async (after: GlobalCheckpoint, limit = 500) => store.readAll({ after, limit });

  it('gives a tailing reader every committed event exactly once, in an order that re-reads identically', async () => {
    const written = new Set<string>();
    let writing = true;
    // Random pauses inside transactions make commits land out of position order, the case that loses events.
    const writer = async (w: number) => {
      for (let i = 0; i < EVENTS_PER_WRITER; i++) {
        const eventId = randomUUID();
        if (i % 50 === 0) {
          const client = await pool.connect();
          try {
            await client.query('begin');
            await store
              .withTransaction(client)
              .append(`w${w}-slow-${i}`, [{ type: 'Slow', data: { w, i }, eventId }], { metadata });
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
            await client.query('commit');
          } finally {
            client.release();
          }
        } else {
          await store.append(`w${w}-${randomUUID()}`, [{ type: 'Written', data: { w, i }, eventId }], {
            metadata,
          });
        }
        written.add(eventId);
      }
    };

    const seen: StoredEvent[] = [];
    const trace: string[] = [];
    // Tails until every written event arrived; other transactions on the server (other test files) may
    // hold the snapshot horizon back for a while, which delays events but must never lose or repeat them.
    const total = WRITERS * EVENTS_PER_WRITER;
    let checkpoint = START;
    const readMore = async () => {
      const batch = await readFrom(checkpoint);
      const at = (c: GlobalCheckpoint) => `${c.transactionId}/${c.globalPosition}`;
      if (batch.length)
        trace.push(`${at(checkpoint)} -> ${at(batch[0]!)} .. ${at(batch.at(-1)!)} (${batch.length})`);
      seen.push(...batch);
      if (batch.length > 0) checkpoint = EventStore.checkpointOf(batch.at(-1)!);
      return batch.length;
    };
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => {
      writing = false;
    });
    const reader = (async () => {
      let deadline = Infinity;
      while (seen.length < total && Date.now() < deadline) {
        if (!writing && deadline === Infinity) deadline = Date.now() + 30_000;
        if ((await readMore()) === 0) await new Promise((r) => setTimeout(r, 2));
      }
      // once every writer has committed, nothing more may arrive
      await writers;
      await readMore();
    })();

    await writers;
    await reader;

    const seenIds = seen.map((e) => e.eventId);
    // on failure, show how the reader moved through the order
    if (new Set(seenIds).size !== seenIds.length || seenIds.length !== total) console.log(trace.join('\n'));
    expect(new Set(seenIds).size).toBe(seenIds.length); // exactly once
    expect(seenIds.length).toBe(WRITERS * EVENTS_PER_WRITER);
    expect(new Set(seenIds)).toEqual(written);

    const reread: string[] = [];
    for (let checkpoint = START; ; ) {
      const batch = await readFrom(checkpoint, 2000);
      if (batch.length === 0) break;
      reread.push(...batch.map((e) => e.eventId));
      checkpoint = EventStore.checkpointOf(batch.at(-1)!);
    }
    expect(reread).toEqual(seenIds);
  });

  it('never gives two events of one stream the same version when writers race on it', async () => {
    const stream = `contended-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        let conflicts = 0;
        for (let i = 0; i < 40; i++) {
          const current = (await store.readStream(stream)).at(-1)?.streamVersion ?? 0n;
          try {
            await store.append(stream, [{ type: 'Raced', data: { w, i } }], {
              expectedVersion: current === 0n ? 'no-stream' : current,
              metadata,
            });
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
            conflicts++;
          }
          // half of the writers do not care about the version at all
          if (w % 2 === 0)
            await store.append(stream, [{ type: 'Raced', data: { w, i, any: true } }], { metadata });
        }
        return conflicts;
      }),
    );
    const events = await store.readStream(stream);
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => BigInt(i + 1)));
    const exactAttempts = WRITERS * 40;
    const conflicts = outcomes.reduce((a, b) => a + b, 0);
    expect(events.length).toBe(exactAttempts - conflicts + (WRITERS / 2) * 40);
    expect(conflicts).toBeGreaterThan(0); // the race really happened
  });

  it('orders transaction ids as numbers, not as text, when they cross a power of ten', async () => {
    // Rows written by hand with the transaction ids a long-lived cluster reaches; as text '1000' < '999'.
    const stream = `txids-${randomUUID()}`;
    for (const [version, txid] of [
      [1, '999'],
      [2, '1000'],
      [3, '10000'],
    ] as const) {
      await pool.query(
        `insert into ${schema}.events (transaction_id, event_id, stream_id, stream_version, event_type, schema_version,
           data, metadata, recorded_at, content_hash, hash)
         values ($1::xid8, $2, $3, $4, 'Numbered', 1, '{}', '{}', now(), 'x', 'x')`,
        [txid, randomUUID(), stream, version],
      );
    }
    const seen: bigint[] = [];
    for (let checkpoint = START; ; ) {
      const [next] = await store.readAll({ after: checkpoint, limit: 1, types: ['Numbered'] });
      if (!next) break;
      seen.push(next.transactionId);
      checkpoint = EventStore.checkpointOf(next);
    }
    expect(seen).toEqual([999n, 1000n, 10000n]);
  });
});
