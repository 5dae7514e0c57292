import { verifyHashChains, type ChainReport } from '@coe/event-store';
import { loadConfig, openDatabase } from '@coe/platform';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pool } from 'pg';

// `npm run audit:verify`: recomputes every hash chain of every event store in the database
// (DATABASE_URL, or the embedded one under DATA_DIR). Exit 0 with a one-line summary when intact;
// exit 1 naming the first altered or missing event otherwise; exit 2 when it could not check,
// including when there was nothing to check: "intact: 0 events" would tell an auditor a lie.

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

class NothingToVerify extends Error {}

// Opening the embedded store where there is none would create an empty one (and ./data) to verify.
const embeddedStoreAt = (dataDir: string): string => {
  const directory = resolve(dataDir, 'pg');
  if (!existsSync(resolve(directory, 'PG_VERSION'))) {
    throw new NothingToVerify(
      `no DATABASE_URL, and no embedded database under ${directory} (DATA_DIR=${dataDir}): ` +
        'set DATABASE_URL, or DATA_DIR to the folder `npm start` used',
    );
  }
  return directory;
};

const main = async (): Promise<number> => {
  const config = loadConfig({ defaultPort: 0 });
  const where = config.databaseUrl === undefined ? embeddedStoreAt(config.dataDir) : 'DATABASE_URL';
  const database = await openDatabase(config, { logger: new Logger('audit:verify') });
  try {
    const reports = await verifyAll(database.pool);
    if (reports.length === 0) throw new NothingToVerify(`no event store in the database of ${where}`);
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
    if (events === 0) {
      throw new NothingToVerify(
        `the ${reports.length} event stores in the database of ${where} hold no event`,
      );
    }
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
      const verdict = error instanceof NothingToVerify ? 'nothing to verify' : 'could not check';
      console.error(`audit:verify: ${verdict}: ${error.message}`);
      process.exit(2);
    },
  );
}
