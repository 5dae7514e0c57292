import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyHashChains, type ChainReport } from '@coe/event-store';
import { loadConfig } from '@coe/platform';
import { openAuditDatabase, toStderr } from './audit-database';
import type { Pool } from 'pg';
import { type Checkpoint, eventStoreSchemas, verifyCheckpoint } from './checkpoint';

// `npm run audit:verify`: recomputes every hash chain of every event store in the database
// (DATABASE_URL, or the embedded one under DATA_DIR). Exit 0 with a one-line summary when intact;
// exit 1 naming the first altered or missing event otherwise; exit 2 when it could not check,
// including when there was nothing to check: "intact: 0 events" would tell an auditor a lie.
// `npm run audit:verify -- --checkpoint cp.json [--public-key key.pem]`: checks that today's history still
// holds exactly the events the checkpoint sealed (docs/audit-checkpoints.md), and lists what came after.

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

const checkCheckpoint = async (pool: Pool, file: string, publicKey?: string): Promise<number> => {
  const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  const trusted = publicKey ? createPublicKey(readFileSync(publicKey, 'utf8')) : undefined;
  const result = await verifyCheckpoint(pool, checkpoint, trusted);
  const sealed = `checkpoint ${checkpoint.root.slice(0, 16)} sealed ${checkpoint.sealedAt}`;
  if (!result.intact) {
    for (const p of result.problems)
      console.log(
        `audit:verify: BROKEN against ${sealed}: ${p.schema ? `in ${p.schema}: ` : ''}${p.streamId ? `stream ${p.streamId}: ` : ''}${p.problem}`,
      );
    return 1;
  }
  const streams = new Set(result.after.map((a) => `${a.schema}/${a.streamId}`)).size;
  console.log(
    `audit:verify: intact against ${sealed}${trusted ? '' : ' (signature checked with the key it carries: pass --public-key to pin yours)'}: ` +
      `${result.sealedEvents} sealed events; recorded after: ${streams} streams`,
  );
  for (const a of result.after)
    console.log(`  after: ${a.schema} ${a.streamId} versions ${a.fromVersion}..${a.toVersion}`);
  return 0;
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } },
  });
  const config = loadConfig({ defaultPort: 0 });
  const where = config.databaseUrl === undefined ? embeddedStoreAt(config.dataDir) : 'DATABASE_URL';
  const database = await openAuditDatabase(config, toStderr);
  try {
    if (values.checkpoint)
      return await checkCheckpoint(database.pool, values.checkpoint, values['public-key']);
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
