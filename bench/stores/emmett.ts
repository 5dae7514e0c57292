// Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) in a fresh random database: its
// tables and functions have fixed names (emt_*) in the connection's search path, so a database of its
// own is what keeps it apart. It gets a pg pool of the same size as ours.
//
// Emmett has no read-all on the store object; its consumers page through the messages table with the
// exported readMessagesBatch (global order, `transaction_id < pg_snapshot_xmin(...)`), which is what
// readAll below calls, with our page size.
import { dumbo } from '@event-driven-io/dumbo';
import type { Event } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  messagesTable,
  readMessagesBatch,
} from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createDatabase, databaseUrlFor, dropDatabase, onIdleError, randomName } from '../bench-infra';
import type { BenchStore } from './bench-store';
import { READ_PAGE } from './ours';
import { benchMetadata, SAMPLE_TYPE, sampleData, type SampleData } from './sample-events';

type SampleEvent = Event<typeof SAMPLE_TYPE, SampleData, typeof benchMetadata>;

export const openEmmettStore = async (serverUrl: string, poolSize: number): Promise<BenchStore> => {
  const database = randomName('bench_emmett');
  if (!(await createDatabase(serverUrl, database)))
    throw new Error(`Emmett needs a database of its own and the role may not create ${database}`);
  const connectionString = databaseUrlFor(serverUrl, database);
  // Emmett's driver sets pg's process-wide type parsers when it builds a pool; this pool uses them.
  const pool = onIdleError(new pg.Pool({ connectionString, max: poolSize }));
  try {
    const executor = dumbo({ connectionString, pool });
    const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: executor } });
    await store.schema.migrate();
    const event = (line: number): SampleEvent => ({
      type: SAMPLE_TYPE,
      data: sampleData(line),
      metadata: benchMetadata,
    });
    return {
      async appendOne(stream, line) {
        await store.appendToStream<SampleEvent>(stream, [event(line)]);
        return 1;
      },
      async appendBatch(stream, size) {
        await store.appendToStream<SampleEvent>(
          stream,
          Array.from({ length: size }, (_, i) => event(i + 1)),
        );
        return size;
      },
      async readAll() {
        let after = 0n;
        let count = 0;
        for (;;) {
          const batch = await readMessagesBatch(executor.execute, { after, batchSize: READ_PAGE });
          if (batch.messages.length === 0) return count;
          count += batch.messages.length;
          after = batch.currentGlobalPosition;
        }
      },
      async vacuum() {
        await pool.query(`vacuum analyze ${messagesTable.name}`);
      },
      async close() {
        await store.close();
        await pool.end();
        await dropDatabase(serverUrl, database);
      },
    };
  } catch (error) {
    await pool.end();
    await dropDatabase(serverUrl, database);
    throw error;
  }
};
