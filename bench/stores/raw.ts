// The physical baseline: plain INSERTs into a table of about the same width as the events table (bigint
// identity key, uuid, text, jsonb, timestamptz) and COPY TO STDOUT of our events table.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { copyOut } from '../copy-out';
import { createPool, dropSchema, randomName } from '../bench-infra';
import type { BenchStore } from './bench-store';
import { sampleData } from './sample-events';

const valuesList = (rows: number): string =>
  Array.from({ length: rows }, (_, r) => `($${r * 4 + 1}, $${r * 4 + 2}, $${r * 4 + 3}, $${r * 4 + 4})`).join(
    ', ',
  );

/**
 * `copyFrom`: the events table COPY reads (ours, in its own schema). When absent, readAll is unavailable.
 */
export const openRawTable = async (
  databaseUrl: string,
  poolSize: number,
  copyFrom?: { schema: string },
): Promise<BenchStore & { pool: Pool }> => {
  const pool = createPool(databaseUrl, poolSize);
  const schema = randomName('bench_raw');
  await pool.query(`create schema ${schema}`);
  await pool.query(`create table ${schema}.rows (
      id bigint generated always as identity primary key,
      event_id uuid not null,
      stream_id text not null,
      data jsonb not null,
      recorded_at timestamptz not null
    )`);
  const insert = (rows: number) =>
    `insert into ${schema}.rows (event_id, stream_id, data, recorded_at) values ${valuesList(rows)}`;
  return {
    pool,
    async appendOne(stream, line) {
      await pool.query({
        name: 'raw-insert-1',
        text: insert(1),
        values: [randomUUID(), stream, JSON.stringify(sampleData(line)), new Date()],
      });
      return 1;
    },
    async appendBatch(stream, size) {
      const now = new Date();
      const values: unknown[] = [];
      for (let i = 0; i < size; i++)
        values.push(randomUUID(), stream, JSON.stringify(sampleData(i + 1)), now);
      await pool.query({ name: `raw-insert-${size}`, text: insert(size), values });
      return size;
    },
    async readAll() {
      if (!copyFrom) throw new Error('no events table to copy');
      const client = await pool.connect();
      try {
        const { rows } = await copyOut(
          client,
          `select * from ${copyFrom.schema}.events order by transaction_id, global_position`,
        );
        return rows;
      } finally {
        client.release();
      }
    },
    async close() {
      try {
        await dropSchema(pool, schema);
      } finally {
        await pool.end();
      }
    },
  };
};
