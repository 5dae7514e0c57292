import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@coe/event-store';
import { Pool } from 'pg';
import { verifyAll } from './verify.cli';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');

// A database of its own: the check scans every event store in the database it is given.
describe('npm run audit:verify', () => {
  const name = `coe_audit_${randomBytes(5).toString('hex')}`;
  const adminUrl = process.env.DATABASE_URL!;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let admin: Pool;
  let pool: Pool;

  beforeAll(async () => {
    admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`create database ${name}`);
    pool = new Pool({ connectionString: url.toString(), max: 2 });
    // `drop database … with (force)` at the end may terminate a client the pool is still closing
    pool.on('error', () => undefined);
    for (const schema of ['mou_negotiation', 'reimbursement']) {
      const store = new PostgresEventStore({ pool, schema });
      await store.migrate();
      const metadata = { actor: { sub: 'clerk', roles: ['mou-clerk'] } };
      await store.append(
        'mou-a',
        [
          { type: 'A', data: { n: 1 } },
          { type: 'B', data: { n: 2 }, effectiveOn: '2019-01-02' },
        ],
        { metadata },
      );
      await store.append('mou-b', [{ type: 'A', data: { n: 3 } }], { metadata });
    }
  });
  afterAll(async () => {
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const cli = (env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url.toString() }, cwd = root) =>
    run('node', [`${process.env.COE_TEST_BUILD}/libs/audit/src/verify.cli.js`], { cwd, env }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('exits 0 with a one-line summary when every chain is intact', async () => {
    expect(await cli()).toEqual({
      code: 0,
      out: 'audit:verify: intact: 6 events in 4 streams across 2 stores (mou_negotiation, reimbursement)\n',
    });
  });

  it('fails, saying so, when there is no database to verify, and creates no ./data', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'coe-verify-'));
    try {
      const { DATABASE_URL: _url, DATA_DIR: _dir, ...env } = process.env;
      const result = await cli(env, folder);
      expect(result.code).toBe(2);
      expect(result.out).toContain(
        'audit:verify: nothing to verify: no DATABASE_URL, and no embedded database',
      );
      expect(existsSync(join(folder, 'data'))).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('fails, saying so, on a database that holds no event store', async () => {
    const empty = new URL(url.toString());
    empty.pathname = `/${name}_empty`;
    await admin.query(`create database ${name}_empty`);
    try {
      const result = await cli({ ...process.env, DATABASE_URL: empty.toString() });
      expect(result).toEqual({
        code: 2,
        out: 'audit:verify: nothing to verify: no event store in the database of DATABASE_URL\n',
      });
    } finally {
      await admin.query(`drop database if exists ${name}_empty with (force)`);
    }
  });

  it('exits 1 naming the first altered event after a superuser changed one', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica'); // bypasses the append-only trigger
      await client.query(
        `update reimbursement.events set data = '{"n": 20}' where stream_id = 'mou-a' and stream_version = 2`,
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await cli()).toEqual({
      code: 1,
      out: 'audit:verify: BROKEN in reimbursement: stream mou-a version 2: CONTENT_ALTERED\n',
    });
    expect((await verifyAll(pool)).at(-1)?.firstBreak).toEqual({
      streamId: 'mou-a',
      streamVersion: 2n,
      problem: 'CONTENT_ALTERED',
    });
  });
});
