import { verifyHashChains, type ChainReport } from '@coe/event-store';
import { loadConfig, openDatabase } from '@coe/platform';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';

// `npm run audit:verify`: recomputes every hash chain of every event store in the database
// (DATABASE_URL, or the embedded one under DATA_DIR). Exit 0 with a one-line summary when intact;
// exit 1 naming the first altered or missing event otherwise; exit 2 when it could not check.

const eventStoreSchemas = async (pool: Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ schema: string }>(
    `select table_schema as schema from information_schema.columns
      where table_name = 'events' and column_name = 'content_hash' order by 1`,
  );
  return rows.map((r) => r.schema);
};

export const verifyAll = async (pool: Pool): Promise<ChainReport[]> => {
  const reports: ChainReport[] = [];
  for (const schema of await eventStoreSchemas(pool)) {
    const report = await verifyHashChains(pool, schema);
    reports.push(report);
    if (report.firstBreak) break;
  }
  return reports;
};

const main = async (): Promise<number> => {
  const config = loadConfig({ defaultPort: 0 });
  const database = await openDatabase(config, { logger: new Logger('audit:verify') });
  try {
    const reports = await verifyAll(database.pool);
    const broken = reports.find((r) => r.firstBreak);
    if (broken?.firstBreak) {
      const { streamId, streamVersion, problem } = broken.firstBreak;
      console.log(
        `audit:verify: BROKEN in ${broken.schema}: stream ${streamId} version ${streamVersion}: ${problem}`,
      );
      return 1;
    }
    const events = reports.reduce((n, r) => n + r.events, 0);
    const streams = reports.reduce((n, r) => n + r.streams, 0);
    console.log(
      `audit:verify: intact: ${events} events in ${streams} streams across ${reports.length} stores (${reports.map((r) => r.schema).join(', ') || 'none'})`,
    );
    return 0;
  } finally {
    await database.close();
  }
};

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`audit:verify: could not check: ${error.message}`);
      process.exit(2);
    },
  );
}
