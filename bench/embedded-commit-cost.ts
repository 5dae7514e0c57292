// What the embedded default's durability costs per command (issue 17, item 8):
// `node bench/run.mjs bench/embedded-commit-cost.ts [commits]` opens the embedded database exactly as
// `npm start` does (openEmbeddedDatabase: PGlite on its worker thread behind pglite-socket, a pg.Pool of 1)
// and commits N event-store-like appends one after another (begin, insert a row, commit), as
// single-process commands do. It prints commits/s, ms per commit and fsync() calls per commit.
// COE_LIBS=/path/to/old/libs measures another version of libs/platform (e.g. the one before the change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as platform from '@coe/platform';

const commits = Number(process.argv[2] ?? 300);
const payload = JSON.stringify({ mouRef: 'DOS/UNMISS/NPL/91', personnel: 850, note: 'x'.repeat(200) });
const quiet = { log: () => undefined, warn: () => undefined, error: (m: unknown) => console.error(m) };

const main = async (): Promise<void> => {
  // TMPDIR must be on a disk (not a tmpfs) for the fsync() cost to be real.
  const dir = mkdtempSync(join(tmpdir(), 'coe-commit-cost-'));
  const database = await platform.openDatabase({ dataDir: dir, databaseUrl: undefined }, { logger: quiet });
  const syncs = (database as { fileSyncs?: () => Promise<number> }).fileSyncs;
  try {
    const { rows } = await database.pool.query<{ fsync: string; wal_sync_method: string }>(
      `select current_setting('fsync') as fsync, current_setting('wal_sync_method') as wal_sync_method`,
    );
    await database.pool.query('create table commit_probe (id bigserial primary key, data jsonb not null)');
    const before = syncs ? await syncs() : 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < commits; i += 1) {
      const client = await database.pool.connect();
      try {
        await client.query('begin');
        await client.query('insert into commit_probe (data) values ($1)', [payload]);
        await client.query('commit');
      } finally {
        client.release();
      }
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const fsyncs = syncs ? ((await syncs()) - before) / commits : 0;
    console.log(
      `${Math.round((commits * 1000) / ms)} commits/s, ${(ms / commits).toFixed(2)} ms/commit, ` +
        `${fsyncs.toFixed(2)} fsync()/commit (fsync=${rows[0]!.fsync}, wal_sync_method=${rows[0]!.wal_sync_method})`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
