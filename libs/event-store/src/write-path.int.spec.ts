import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import type { Decider } from './decider';
import { PostgresEventStore } from './postgres-event-store';
import { WRITE_ATTEMPTS, WritePath, type WriteTx, decideAndAppend } from './write-path';

type Counted = { type: 'Incremented'; data: { by: number } };
type Increment = { by: number; max: number };
const counter: Decider<Increment, Counted, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.max)
      throw Object.assign(new Error('over'), { code: 'COUNTER_OVER_MAX' });
    return command.by === 0 ? [] : [{ type: 'Incremented', data: { by: command.by } }];
  },
};
const metadata = { actor: { sub: 'u', roles: [] } };

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('WritePath', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let path: WritePath;

  beforeAll(async () => {
    pool = testPool(10);
    schema = randomSchema('wpath');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await pool.query(`create table ${schema}.totals (stream text primary key, total int not null)`);
    path = new WritePath(pool, store);
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  /** Resolves once `count` sessions wait on a row lock while appending to this schema's events (a fact, not a delay). */
  const appendsBlocked = async (count: number): Promise<void> => {
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and query like $1`,
        [`insert into ${schema}.events%`],
      );
      if (rows[0]!.n >= count) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  /** A writer whose transaction appends, then stays open until `release` (holding its new version). */
  const holdingWriter = (stream: string, by: number, max: number) => {
    const { opened: release, open } = gate();
    const { opened: appended, open: markAppended } = gate();
    const done = path.transaction(async ({ store: bound }) => {
      const result = await decideAndAppend(bound, stream, { by, max }, counter, { metadata });
      markAppended();
      await release;
      return result;
    });
    return { appended, release: open, done };
  };

  /** A writer that counts how many times the write path ran its transaction. */
  const countingWriter = (stream: string, by: number, expectedVersion?: bigint) => {
    const counted = { attempts: 0 };
    const done = path.transaction(({ store: bound }) => {
      counted.attempts++;
      return decideAndAppend(bound, stream, { by, max: 10 }, counter, {
        metadata,
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
    });
    return Object.assign(counted, { done });
  };

  /** Once the other writer waits on the holder's new version (it read the one before), the holder commits. */
  const holderWinsRace = async (holder: ReturnType<typeof holdingWriter>) => {
    await appendsBlocked(1);
    holder.release();
    return holder.done;
  };

  const totals = async (stream: string) =>
    (await store.readStream(stream)).map((e) => (e.data as Counted['data']).by);

  it('folds the stream, decides and appends, returning the new version', async () => {
    const stream = `counter-${randomUUID()}`;
    await path.decide(stream, { by: 2, max: 10 }, counter, { metadata });
    const result = await path.decide(stream, { by: 3, max: 10 }, counter, { metadata });
    expect(result).toEqual({
      newEvents: [{ type: 'Incremented', data: { by: 3 } }],
      newState: 5,
      nextExpectedVersion: 2n,
    });
    await expect(path.decide(stream, { by: 6, max: 10 }, counter, { metadata })).rejects.toMatchObject({
      code: 'COUNTER_OVER_MAX',
    });
  });

  it('refuses a command made on a version the caller no longer sees, without trying again', async () => {
    const stream = `counter-${randomUUID()}`;
    await path.decide(stream, { by: 1, max: 10 }, counter, { metadata });
    await path.decide(stream, { by: 1, max: 10 }, counter, { metadata });
    const stale = countingWriter(stream, 1, 1n);
    await expect(stale.done).rejects.toMatchObject({
      code: 'STALE_VERSION',
      details: { currentVersion: '2' },
    });
    expect(stale.attempts).toBe(1);
  });

  it('never retries when If-Match named the version and another writer took it meanwhile', async () => {
    const stream = `counter-${randomUUID()}`;
    await path.decide(stream, { by: 1, max: 10 }, counter, { metadata });
    const first = holdingWriter(stream, 1, 10);
    await first.appended;
    const second = countingWriter(stream, 5, 1n);
    await holderWinsRace(first);
    await expect(second.done).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(second.attempts).toBe(1);
    expect(await totals(stream)).toEqual([1, 1]);
  });

  it('retries a lost race once: both writers land, in order, the loser on the fresh version', async () => {
    const stream = `counter-${randomUUID()}`;
    const first = holdingWriter(stream, 1, 10);
    await first.appended;
    const second = countingWriter(stream, 2);
    // the second writer read version 0 and waits on the first's version 1
    await expect(holderWinsRace(first)).resolves.toMatchObject({ nextExpectedVersion: 1n });
    await expect(second.done).resolves.toMatchObject({ newState: 3, nextExpectedVersion: 2n });
    expect(second.attempts).toBe(2);
    expect(await totals(stream)).toEqual([1, 2]);
  });

  it('decides again on fresh state after a lost race, so every rule still holds', async () => {
    const stream = `counter-${randomUUID()}`;
    const first = holdingWriter(stream, 1, 1);
    await first.appended;
    const second = path.decide(stream, { by: 1, max: 1 }, counter, { metadata });
    await holderWinsRace(first);
    await expect(second).rejects.toMatchObject({ code: 'COUNTER_OVER_MAX' });
    expect(await totals(stream)).toEqual([1]);
  });

  it(`gives up after ${WRITE_ATTEMPTS} attempts: a writer that loses twice never tries a third time`, async () => {
    const stream = `counter-${randomUUID()}`;
    const first = holdingWriter(stream, 1, 10);
    await first.appended;
    let third: ReturnType<typeof holdingWriter> | undefined;
    const thirdAppended = gate();
    let attempts = 0;
    const loser = path.transaction(async ({ store: bound }: WriteTx) => {
      attempts++;
      if (attempts === 2) {
        // before the retry reads, a third writer takes the next version and holds it
        third = holdingWriter(stream, 4, 10);
        await third.appended;
        thirdAppended.open();
      }
      return decideAndAppend(bound, stream, { by: 2, max: 10 }, counter, { metadata });
    });
    await holderWinsRace(first);
    await thirdAppended.opened;
    await holderWinsRace(third!);
    await expect(loser).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(attempts).toBe(WRITE_ATTEMPTS);
    expect(await totals(stream)).toEqual([1, 4]);
  });

  it('commits the events and the service read table together, and tells listeners only after commit', async () => {
    const stream = `counter-${randomUUID()}`;
    const heard: string[] = [];
    const off = store.onAppended((id) => heard.push(id));
    const project = async ({ tx }: WriteTx, result: { newState: number }) => {
      expect(heard).toEqual([]); // not yet committed
      await tx.query(
        `insert into ${schema}.totals values ($1, $2) on conflict (stream) do update set total = excluded.total`,
        [stream, result.newState],
      );
    };
    await path.decide(stream, { by: 4, max: 10 }, counter, { metadata }, project);
    expect(heard).toEqual([stream]);
    off();

    const failing = async () => {
      throw new Error('read table unavailable');
    };
    await expect(path.decide(stream, { by: 1, max: 10 }, counter, { metadata }, failing)).rejects.toThrow(
      'read table unavailable',
    );
    expect((await store.readStream(stream)).length).toBe(1); // the event rolled back with the table write
    const { rows } = await pool.query(`select total from ${schema}.totals where stream = $1`, [stream]);
    expect(rows).toEqual([{ total: 4 }]);
  });

  it('serialises writers that name the same advisory lock', async () => {
    const order: string[] = [];
    const { opened: release, open } = gate();
    const { opened: locked, open: markLocked } = gate();
    const first = path.transaction(
      async () => {
        markLocked();
        await release;
        order.push('first');
      },
      { lock: `${schema}:cash` },
    );
    await locked;
    const second = path.transaction(async () => void order.push('second'), { lock: `${schema}:cash` });
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'select pg_advisory_xact_lock%'`,
      );
      if (rows[0]!.n >= 1) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    open();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
});
