import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { type DatabaseHandle, openDatabase } from './database';

// The event store relies on each feature below; if PGlite ever drops one, this says which.
// First start runs initdb (5-15 s on 2 cores); the integration project's testTimeout is not applied
// per project by Jest, so the slow steps say their own.
const STARTUP_MS = 60_000;
const logger: LoggerService = {
  log: () => undefined,
  warn: () => undefined,
  error: (message) => console.error(message),
};

describe('embedded database (PGlite behind pglite-socket)', () => {
  let dataDir: string;
  let database: DatabaseHandle;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'coe-embedded-'));
    database = await openDatabase({ dataDir, databaseUrl: undefined }, { logger });
  }, STARTUP_MS);

  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, STARTUP_MS);

  const query = async <Row extends object>(sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await database.pool.query<Row>(sql, params)).rows;

  it('is embedded, with its files under DATA_DIR/pg', async () => {
    expect(database.embedded).toBe(true);
    expect(await readdir(join(dataDir, 'pg'))).toContain('PG_VERSION');
  });

  it('gives a transaction one pg_current_xact_id() and the next transaction a larger one', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      const first = await client.query<{ id: string }>('select pg_current_xact_id()::text as id');
      const again = await client.query<{ id: string }>('select pg_current_xact_id()::text as id');
      await client.query('commit');
      const next = await client.query<{ id: string }>('select pg_current_xact_id()::text as id');
      expect(again.rows[0]!.id).toBe(first.rows[0]!.id);
      expect(BigInt(next.rows[0]!.id)).toBeGreaterThan(BigInt(first.rows[0]!.id));
    } finally {
      client.release();
    }
  });

  it('compares xid8 values with the snapshot xmin', async () => {
    const [row] = await query<{ xmin: string; below: boolean; sameType: string }>(`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
             pg_snapshot_xmin(pg_current_snapshot()) <= pg_current_xact_id() as below,
             pg_typeof(pg_snapshot_xmin(pg_current_snapshot()))::text as "sameType"`);
    expect(row).toEqual({ xmin: expect.stringMatching(/^\d+$/), below: true, sameType: 'xid8' });
  });

  it('stores xid8 columns defaulting to the writer transaction, and identity columns', async () => {
    await query(`
      create table feature_events (
        global_position bigint generated always as identity primary key,
        transaction_id xid8 not null default pg_current_xact_id(),
        stream_id text not null,
        data jsonb not null
      );
      create index feature_events_order on feature_events (transaction_id, global_position);`);
    const inserted = await query<{ global_position: string; transaction_id: string }>(
      `insert into feature_events (stream_id, data) values ('s-1', '{"a":1}'), ('s-1', '{"a":2}')
       returning global_position, transaction_id::text`,
    );
    expect(inserted.map((r) => r.global_position)).toEqual(['1', '2']);
    expect(inserted[0]!.transaction_id).toBe(inserted[1]!.transaction_id);

    const visible = await query<{ n: number }>(
      `select count(*)::int as n from feature_events
       where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by 1`,
    );
    expect(visible).toEqual([{ n: 2 }]);

    await expect(
      query(`insert into feature_events (global_position, stream_id, data) values (9, 's', '{}')`),
    ).rejects.toMatchObject({
      code: '428C9',
    });
  });

  it('runs plpgsql functions returning tables, and raises custom SQLSTATEs to the client', async () => {
    await query(`
      create function feature_append(p_stream text, p_events jsonb)
      returns table (stream_version bigint, stored_at bigint) language plpgsql as $f$
      declare
        v_event jsonb;
        v_version bigint := 0;
      begin
        if jsonb_array_length(p_events) = 0 then
          raise exception 'nothing to append to %', p_stream using errcode = 'CE001';
        end if;
        for v_event in select * from jsonb_array_elements(p_events) loop
          v_version := v_version + 1;
          insert into feature_events (stream_id, data) values (p_stream, v_event)
            returning feature_events.global_position into stored_at;
          stream_version := v_version;
          return next;
        end loop;
      end $f$;`);
    const rows = await query<{ stream_version: string }>(
      `select * from feature_append('s-2', '[{"x":1},{"x":2}]'::jsonb)`,
    );
    expect(rows.map((r) => r.stream_version)).toEqual(['1', '2']);
    await expect(query(`select * from feature_append('s-2', '[]'::jsonb)`)).rejects.toMatchObject({
      code: 'CE001',
    });
  });

  it('fires row and statement triggers that make a table append-only', async () => {
    await query(`
      create function feature_reject_change() returns trigger language plpgsql as $f$
      begin
        raise exception 'append-only: % not allowed', tg_op using errcode = 'CE003';
      end $f$;
      create trigger feature_rows before update or delete on feature_events
        for each row execute function feature_reject_change();
      create trigger feature_truncate before truncate on feature_events
        for each statement execute function feature_reject_change();`);
    const before = await query('select * from feature_events order by global_position');
    for (const sql of [
      "update feature_events set data = '{}'",
      'delete from feature_events',
      'truncate feature_events',
    ]) {
      await expect(query(sql)).rejects.toMatchObject({ code: 'CE003' });
    }
    expect(await query('select * from feature_events order by global_position')).toEqual(before);
  });

  it('computes sha256(bytea) like Node does', async () => {
    const text = 'MouSigned|{"party":"un"}|é';
    const [row] = await query<{ hex: string }>(
      `select encode(sha256(convert_to($1, 'UTF8')), 'hex') as hex`,
      [text],
    );
    expect(row!.hex).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('takes transaction-scoped advisory locks', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtext($1))', ['stream-1']);
      await client.query('commit');
    } finally {
      client.release();
    }
  });

  it('runs concurrent transactions one at a time through the pool of 1, losing none', async () => {
    await query(
      'create table feature_counter (id int primary key, n int not null); insert into feature_counter values (1, 0)',
    );
    const increment = async (): Promise<void> => {
      const client = await database.pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<{ n: number }>('select n from feature_counter where id = 1');
        await client.query('update feature_counter set n = $1 where id = 1', [rows[0]!.n + 1]);
        await client.query('commit');
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: 25 }, increment));
    expect(await query('select n from feature_counter')).toEqual([{ n: 25 }]);
  });

  it('rolls back a failed transaction', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('update feature_counter set n = -1 where id = 1');
      await expect(client.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await query('select n from feature_counter')).toEqual([{ n: 25 }]);
  });

  it('accepts a separate client next to the pool, on the same session', async () => {
    const client = new Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      expect((await client.query('select count(*)::int as n from feature_counter')).rows).toEqual([{ n: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a second open of the same DATA_DIR while it is in use', async () => {
    await expect(openDatabase({ dataDir, databaseUrl: undefined }, { logger })).rejects.toThrow(
      /in use by process/,
    );
  });

  it('keeps committed rows across a restart from the same DATA_DIR', async () => {
    const events = await query('select global_position, data from feature_events order by global_position');
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('create table feature_restart (note text)');
      await client.query(`insert into feature_restart values ('committed before restart')`);
      await client.query('commit');
    } finally {
      client.release();
    }
    await database.close();

    database = await openDatabase({ dataDir, databaseUrl: undefined }, { logger });
    expect(await query('select note from feature_restart')).toEqual([{ note: 'committed before restart' }]);
    expect(await query('select global_position, data from feature_events order by global_position')).toEqual(
      events,
    );
  });
});
