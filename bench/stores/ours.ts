// Our PostgresEventStore in a fresh random schema of the bench database.
import { EventStore, PostgresEventStore, type GlobalCheckpoint, type NewEvent } from '@coe/event-store';
import type { Pool } from 'pg';
import { createPool, dropSchema, randomName } from '../bench-infra';
import type { BenchStore } from './bench-store';
import { benchMetadata, SAMPLE_TYPE, sampleData } from './sample-events';

export type OurStore = BenchStore & { store: PostgresEventStore; pool: Pool; schema: string };

export const READ_PAGE = 1000;

export const openOurStore = async (databaseUrl: string, poolSize: number): Promise<OurStore> => {
  const pool = createPool(databaseUrl, poolSize);
  const schema = randomName('bench');
  const store = new PostgresEventStore({ pool, schema });
  await store.migrate();
  const events = (size: number): NewEvent[] =>
    Array.from({ length: size }, (_, i) => ({ type: SAMPLE_TYPE, data: sampleData(i + 1) }));
  return {
    store,
    pool,
    schema,
    async appendOne(stream, line) {
      await store.append(stream, [{ type: SAMPLE_TYPE, data: sampleData(line) }], {
        expectedVersion: 'any',
        metadata: benchMetadata,
      });
      return 1;
    },
    async appendBatch(stream, size) {
      await store.append(stream, events(size), { expectedVersion: 'any', metadata: benchMetadata });
      return size;
    },
    async readAll() {
      let after: GlobalCheckpoint | undefined;
      let count = 0;
      for (;;) {
        const page = await store.readAll({ after, limit: READ_PAGE });
        if (page.length === 0) return count;
        count += page.length;
        after = EventStore.checkpointOf(page.at(-1)!);
      }
    },
    async vacuum() {
      await pool.query(`vacuum analyze ${schema}.events`);
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
