import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import type { Decider } from './decider';
import { handleCommand, handleCommandInTransaction } from './handle-command';
import { PostgresEventStore } from './postgres-event-store';

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

describe('handleCommand', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = testPool(10);
    schema = randomSchema('cmd');
    store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await pool.query(`create table ${schema}.totals (stream text primary key, total int not null)`);
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('folds the stream, decides and appends, returning the new version', async () => {
    const stream = `counter-${randomUUID()}`;
    await handleCommand(store, stream, { by: 2, max: 10 }, counter, { metadata });
    const result = await handleCommand(store, stream, { by: 3, max: 10 }, counter, { metadata });
    expect(result).toEqual({
      newEvents: [{ type: 'Incremented', data: { by: 3 } }],
      newState: 5,
      nextExpectedVersion: 2n,
    });
    await expect(
      handleCommand(store, stream, { by: 6, max: 10 }, counter, { metadata }),
    ).rejects.toMatchObject({
      code: 'COUNTER_OVER_MAX',
    });
  });

  it('refuses a command made on a version the caller no longer sees', async () => {
    const stream = `counter-${randomUUID()}`;
    await handleCommand(store, stream, { by: 1, max: 10 }, counter, { metadata });
    await handleCommand(store, stream, { by: 1, max: 10 }, counter, { metadata });
    await expect(
      handleCommand(store, stream, { by: 1, max: 10 }, counter, { metadata, expectedVersion: 1n }),
    ).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });

  it('decides again on fresh state when concurrent commands race, so every rule still holds', async () => {
    const stream = `counter-${randomUUID()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        handleCommandInTransaction(pool, store, stream, { by: 1, max: 4 }, counter, {
          metadata,
          maxAttempts: 10,
        }),
      ),
    );
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason.code);
    expect(refused).toEqual(['COUNTER_OVER_MAX', 'COUNTER_OVER_MAX']);
    expect((await store.readStream(stream)).length).toBe(4);
  });

  it('commits the events and the service read table together, and tells listeners only after commit', async () => {
    const stream = `counter-${randomUUID()}`;
    const heard: string[] = [];
    const off = store.onAppended((id) => heard.push(id));
    const project = async (tx: import('pg').PoolClient, result: { newState: number }) => {
      expect(heard).toEqual([]); // not yet committed
      await tx.query(
        `insert into ${schema}.totals values ($1, $2) on conflict (stream) do update set total = excluded.total`,
        [stream, result.newState],
      );
    };
    await handleCommandInTransaction(pool, store, stream, { by: 4, max: 10 }, counter, { metadata }, project);
    expect(heard).toEqual([stream]);
    off();

    const failing = async () => {
      throw new Error('read table unavailable');
    };
    await expect(
      handleCommandInTransaction(pool, store, stream, { by: 1, max: 10 }, counter, { metadata }, failing),
    ).rejects.toThrow('read table unavailable');
    expect((await store.readStream(stream)).length).toBe(1); // the event rolled back with the table write
    const { rows } = await pool.query(`select total from ${schema}.totals where stream = $1`, [stream]);
    expect(rows).toEqual([{ total: 4 }]);
  });
});
