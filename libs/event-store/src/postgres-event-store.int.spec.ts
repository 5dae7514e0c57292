import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { WrongExpectedVersionError } from './event-store.errors';
import { EventStore } from './event-store';
import type { EventMetadata, GlobalCheckpoint, StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';
import { verifyHashChains } from './verify-chain';

const metadata: EventMetadata = { actor: { sub: 'clerk-1', roles: ['mou-clerk'] }, correlationId: 'c-1' };
const event = (n: number, effectiveOn?: string) => ({
  type: 'Counted',
  data: { n, note: `event ${n}` },
  ...(effectiveOn ? { effectiveOn } : {}),
});

describe('PostgresEventStore', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = testPool(12);
    schema = randomSchema('es');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await store.migrate(); // a second start applies nothing
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  describe('appending with an expected version', () => {
    it('creates a stream only once with no-stream', async () => {
      const stream = `s-${randomUUID()}`;
      const first = await store.append(stream, [event(1), event(2)], {
        expectedVersion: 'no-stream',
        metadata,
      });
      expect(first).toMatchObject({ nextExpectedVersion: 2n, alreadyStored: false });
      await expect(
        store.append(stream, [event(3)], { expectedVersion: 'no-stream', metadata }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });

    it('appends at the exact version and refuses a stale one', async () => {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event(1)], { metadata });
      await store.append(stream, [event(2)], { expectedVersion: 1n, metadata });
      const stale = store.append(stream, [event(3)], { expectedVersion: 1n, metadata });
      await expect(stale).rejects.toMatchObject({ code: 'STALE_VERSION', streamId: stream });
      expect((await store.readStream(stream)).map((e) => e.data)).toEqual([event(1).data, event(2).data]);
    });

    it('treats re-appending stored event ids as a no-op returning the first result', async () => {
      const stream = `s-${randomUUID()}`;
      const ids = [randomUUID(), randomUUID()];
      const batch = [
        { ...event(1), eventId: ids[0] },
        { ...event(2), eventId: ids[1] },
      ];
      const first = await store.append(stream, batch, { expectedVersion: 'no-stream', metadata });
      const again = await store.append(stream, batch, { expectedVersion: 'no-stream', metadata });
      expect(again).toEqual({ ...first, alreadyStored: true });
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('reading a stream', () => {
    it('returns the whole envelope, chained by hashes', async () => {
      const stream = `mou-${randomUUID()}`;
      await store.append(stream, [event(1, '2019-03-02'), event(2)], { metadata });
      const [first, second] = (await store.readStream(stream)) as [StoredEvent, StoredEvent];
      expect(first).toMatchObject({
        type: 'Counted',
        schemaVersion: 1,
        streamId: stream,
        streamVersion: 1n,
        effectiveOn: '2019-03-02',
        metadata,
        previousHash: null,
      });
      expect(first.recordedAt).toBeInstanceOf(Date);
      expect(second.previousHash).toBe(first.hash);
      expect(second.effectiveOn).toBeNull();
      expect(second.globalPosition).toBeGreaterThan(first.globalPosition);
    });

    it('reads up to a version, a business date and a recording instant', async () => {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event(1, '2019-01-10')], {
        metadata,
        recordedAt: new Date('2026-01-01T00:00:00Z'),
      });
      await store.append(stream, [event(2, '2018-12-31')], {
        metadata,
        recordedAt: new Date('2026-02-01T00:00:00Z'),
      });
      await store.append(stream, [event(3, '2019-06-30')], {
        metadata,
        recordedAt: new Date('2026-03-01T00:00:00Z'),
      });
      const ns = (events: StoredEvent[]) => events.map((e) => (e.data as { n: number }).n);
      expect(ns(await store.readStream(stream, { toVersion: 2 }))).toEqual([1, 2]);
      expect(ns(await store.readStream(stream, { effectiveOnOrBefore: '2019-01-10' }))).toEqual([1, 2]);
      expect(
        ns(await store.readStream(stream, { recordedAtOrBefore: new Date('2026-01-15T00:00:00Z') })),
      ).toEqual([1]);
      expect(
        ns(
          await store.readStream(stream, {
            effectiveOnOrBefore: '2019-01-01',
            recordedAtOrBefore: new Date('2026-02-01T00:00:00Z'),
          }),
        ),
      ).toEqual([2]);
    });

    it('upcasts old event shapes on read', async () => {
      const upcasting = new PostgresEventStore({
        pool,
        schema,
        upcasters: [
          {
            type: 'Renamed',
            fromSchemaVersion: 1,
            upcast: (d) => ({ fullName: (d as { name: string }).name }),
          },
          { type: 'Renamed', fromSchemaVersion: 2, upcast: (d) => ({ ...(d as object), source: 'legacy' }) },
        ],
      });
      const stream = `s-${randomUUID()}`;
      await upcasting.append(stream, [{ type: 'Renamed', data: { name: 'Unit A' } }], { metadata });
      const [read] = await upcasting.readStream(stream);
      expect(read).toMatchObject({ schemaVersion: 3, data: { fullName: 'Unit A', source: 'legacy' } });
    });
  });

  describe('reading all in pages', () => {
    // its own schema: the order of every event of the store is compared
    let own: PostgresEventStore;
    let ownSchema: string;
    beforeAll(async () => {
      ownSchema = randomSchema('pages');
      own = new PostgresEventStore({ pool, schema: ownSchema });
      await own.migrate();
    });
    afterAll(() => dropSchema(pool, ownSchema));

    const appendMany = async (streams: number, size: number) => {
      for (let s = 0; s < streams; s++)
        await own.append(
          `p-${randomUUID()}`,
          Array.from({ length: size }, (_, i) => event(i + 1)),
          {
            metadata,
          },
        );
    };
    const stored = async () =>
      (
        await pool.query<{ event_id: string }>(
          `select event_id from ${ownSchema}.events order by transaction_id, global_position`,
        )
      ).rows.map((r) => r.event_id);
    // Reads until `expected` events came: readers in global order see an event once every transaction
    // older than its own has ended, on the whole server (other sessions' too), so a page can be empty a while.
    const scan = async (
      after: GlobalCheckpoint | undefined,
      limit: number,
      expected: number,
      between?: () => Promise<void>,
    ) => {
      const ids: string[] = [];
      const deadline = Date.now() + 30_000;
      let pages = 0;
      for (;;) {
        const page = await own.readAll({ ...(after ? { after } : {}), limit });
        if (page.length === 0) {
          if (ids.length >= expected || Date.now() > deadline) return { ids, after };
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        ids.push(...page.map((e) => e.eventId));
        after = EventStore.checkpointOf(page.at(-1)!);
        if (++pages === 3) await between?.();
      }
    };

    it('gives a sequential scan every event once, in order, with events appended while it reads', async () => {
      await appendMany(6, 4);
      // appended after the third page, while the store may hold the fourth read ahead
      const { ids, after } = await scan(undefined, 4, 30, () => appendMany(2, 3));
      expect(ids).toEqual(await stored());
      expect(ids).toHaveLength(30);
      // the scan ended on a full page: what is appended now is read next
      await appendMany(1, 2);
      const rest = await scan(after, 4, 2);
      expect(rest.ids).toEqual((await stored()).slice(30));
      expect(rest.ids).toHaveLength(2);
    });

    it('reads the same pages by event type as without paging', async () => {
      await scan(undefined, 1000, 32); // every event visible
      const page = await own.readAll({ limit: 1000, types: ['Counted'] });
      const ids: string[] = [];
      let after: GlobalCheckpoint | undefined;
      for (;;) {
        const next = await own.readAll({ ...(after ? { after } : {}), limit: 3, types: ['Counted'] });
        if (next.length === 0) break;
        ids.push(...next.map((e) => e.eventId));
        after = EventStore.checkpointOf(next.at(-1)!);
      }
      expect(ids).toEqual(page.map((e) => e.eventId));
      expect(ids).toEqual(await stored());
    });
  });

  describe('reading all as text (what a relay passes on)', () => {
    it("gives readAll's events, upcast, with their data as JSON text and the instant in ISO 8601", async () => {
      const textSchema = randomSchema('text');
      const upcasters = [
        {
          type: 'Renamed',
          fromSchemaVersion: 1,
          upcast: (d: unknown) => ({ fullName: (d as { name: string }).name }),
        },
      ];
      const own = new PostgresEventStore({ pool, schema: textSchema, upcasters });
      await own.migrate();
      try {
        const data = {
          quote: 'a "b" \\ c',
          unicode: 'Côte d’Ivoire 🇨🇮',
          nested: { list: [1, 2.5, null] },
          amountUsd: '1428.00',
        };
        await own.append('mou-1', [{ type: 'Counted', data, effectiveOn: '2019-03-02' }], {
          metadata,
          recordedAt: new Date('2019-03-02T10:11:12.999Z'),
        });
        await own.append(
          'mou-2',
          [
            { type: 'Renamed', data: { name: 'Unit A' } },
            { type: 'Counted', data: {} },
          ],
          {
            metadata,
            recordedAt: new Date('2019-03-03T00:00:00.001Z'),
          },
        );
        const decoded = await own.readAll({ limit: 10 });
        const text = await own.readAllText({ limit: 10 });
        expect(decoded).toHaveLength(3);
        expect(text.map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }))).toEqual(
          decoded.map((e) => ({
            eventId: e.eventId,
            type: e.type,
            schemaVersion: e.schemaVersion,
            streamId: e.streamId,
            streamVersion: e.streamVersion.toString(),
            globalPosition: e.globalPosition.toString(),
            transactionId: e.transactionId.toString(),
            data: e.data,
            effectiveOn: e.effectiveOn,
            recordedAt: e.recordedAt.toISOString(),
            hash: e.hash,
          })),
        );
        expect(text.map((e) => [e.recordedAt, e.schemaVersion])).toEqual([
          ['2019-03-02T10:11:12.999Z', 1],
          ['2019-03-03T00:00:00.001Z', 2],
          ['2019-03-03T00:00:00.001Z', 1],
        ]);
        expect(JSON.parse(text[1]!.data)).toEqual({ fullName: 'Unit A' });
        // a page after the last: the checkpoint of a text event is the decoded one's
        expect(EventStore.checkpointOfText(text[2]!)).toEqual(EventStore.checkpointOf(decoded[2]!));
        expect(await own.readAllText({ after: EventStore.checkpointOfText(text[1]!) })).toEqual([text[2]]);
      } finally {
        await dropSchema(pool, textSchema);
      }
    });
  });

  describe('append-only storage', () => {
    it('rejects UPDATE, DELETE and TRUNCATE of stored events', async () => {
      const stream = `s-${randomUUID()}`;
      await store.append(stream, [event(1)], { metadata });
      await expect(
        pool.query(`update ${schema}.events set data = '{}' where stream_id = $1`, [stream]),
      ).rejects.toMatchObject({ code: 'CE003' });
      await expect(
        pool.query(`delete from ${schema}.events where stream_id = $1`, [stream]),
      ).rejects.toMatchObject({
        code: 'CE003',
      });
      await expect(pool.query(`truncate ${schema}.events`)).rejects.toMatchObject({ code: 'CE003' });
    });
  });
});

describe('hash-chain verification', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeEach(async () => {
    pool = testPool(2);
    schema = randomSchema('chain');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
  });
  afterEach(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  // A superuser can bypass the trigger; the chain still shows what was changed.
  const tamper = async (sql: string, values: unknown[]) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(sql, values);
      await client.query('commit');
    } finally {
      client.release();
    }
  };

  it('reports intact chains', async () => {
    await store.append('mou-a', [event(1), event(2), event(3)], { metadata });
    await store.append('mou-b', [event(1)], { metadata });
    expect(await verifyHashChains(pool, schema)).toEqual({ schema, streams: 2, events: 4, firstBreak: null });
  });

  it('follows the chains across pages (5,000 rows each) and names a break on a later page', async () => {
    await store.append(
      'mou-a',
      Array.from({ length: 5002 }, (_, i) => event(i + 1)),
      { metadata },
    );
    await store.append('mou-b', [event(1), event(2)], { metadata });
    expect(await verifyHashChains(pool, schema)).toEqual({
      schema,
      streams: 2,
      events: 5004,
      firstBreak: null,
    });
    await tamper(
      `update ${schema}.events set data = jsonb_set(data, '{n}', '99') where stream_id = 'mou-b' and stream_version = 2`,
      [],
    );
    expect((await verifyHashChains(pool, schema)).firstBreak).toEqual({
      streamId: 'mou-b',
      streamVersion: 2n,
      problem: 'CONTENT_ALTERED',
    });
  });

  it('names an event whose data was altered', async () => {
    await store.append('mou-a', [event(1), event(2), event(3)], { metadata });
    await tamper(
      `update ${schema}.events set data = jsonb_set(data, '{n}', '99') where stream_id = 'mou-a' and stream_version = 2`,
      [],
    );
    const report = await verifyHashChains(pool, schema);
    expect(report.firstBreak).toEqual({ streamId: 'mou-a', streamVersion: 2n, problem: 'CONTENT_ALTERED' });
  });

  it('names the place of a removed event', async () => {
    await store.append('mou-a', [event(1), event(2), event(3)], { metadata });
    await tamper(`delete from ${schema}.events where stream_id = 'mou-a' and stream_version = 2`, []);
    const report = await verifyHashChains(pool, schema);
    expect(report.firstBreak).toEqual({ streamId: 'mou-a', streamVersion: 2n, problem: 'VERSION_GAP' });
  });

  it('detects an altered business date or actor even when the content hash is recomputed by hand', async () => {
    await store.append('mou-a', [event(1, '2019-01-01'), event(2)], { metadata });
    await tamper(
      `update ${schema}.events set effective_on = '2018-01-01', content_hash = md5('x') where stream_id = 'mou-a' and stream_version = 1`,
      [],
    );
    expect((await verifyHashChains(pool, schema)).firstBreak).toMatchObject({
      streamId: 'mou-a',
      streamVersion: 1n,
    });
  });
});
