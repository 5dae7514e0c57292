// The physical baseline: plain INSERTs of event rows into a table of the event store's own shape (its
// migration, so the same columns, keys and indexes), with none of the store's logic (no head check, no
// hashing, no chaining: the hash columns get fixed 64-character strings); and COPY TO STDOUT of our events
// table.
import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, runMigrations } from '@coe/event-store';
import type { Pool } from 'pg';
import { copyOut } from '../copy-out';
import { createPool, dropSchema, randomName } from '../bench-infra';
import type { BenchStore } from './bench-store';
import { benchMetadata, SAMPLE_TYPE, sampleData } from './sample-events';

const COLUMNS = `event_id, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at,
  content_hash, hash, previous_hash`;
const PER_ROW = 11;
const HASH = 'f'.repeat(64);

const valuesList = (rows: number): string =>
  Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: PER_ROW }, (_, c) => `$${r * PER_ROW + c + 1}`).join(', ')})`,
  ).join(', ');

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
  await runMigrations(pool, schema, eventStoreMigrations);
  const metadata = JSON.stringify(benchMetadata);
  // versions only need to be unique per stream: one counter for every stream of this table
  let version = 0;
  const row = (stream: string, line: number, now: Date): unknown[] => [
    randomUUID(),
    stream,
    ++version,
    SAMPLE_TYPE,
    1,
    JSON.stringify(sampleData(line)),
    metadata,
    now,
    HASH,
    HASH,
    HASH,
  ];
  const insert = (rows: number) => `insert into ${schema}.events (${COLUMNS}) values ${valuesList(rows)}`;
  return {
    pool,
    async appendOne(stream, line) {
      await pool.query({ name: 'raw-insert-1', text: insert(1), values: row(stream, line, new Date()) });
      return 1;
    },
    async appendBatch(stream, size) {
      const now = new Date();
      const values: unknown[] = [];
      for (let i = 0; i < size; i++) values.push(...row(stream, i + 1, now));
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
