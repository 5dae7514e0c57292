import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@coe/event-store';
import { type DatabaseHandle, openDatabase } from '@coe/platform';
import { Logger } from '@nestjs/common';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');

// The embedded store is one process's files: while that process runs, the commands read through the port it
// serves them on (before, they refused: "in use by process …").
describe('npm run audit:verify against a running embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'coe-running-'));
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openDatabase({ dataDir }, { logger: new Logger('test') });
    const store = new PostgresEventStore({ pool: database.pool, schema: 'reimbursement' });
    await store.migrate();
    const metadata = { actor: { sub: 'clerk', roles: ['finance-officer'] } };
    await store.append(
      'claim-a',
      [
        { type: 'A', data: { n: 1 } },
        { type: 'B', data: { n: 2 } },
      ],
      { metadata },
    );
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verifies every chain while the store keeps serving, and leaves it serving', async () => {
    const { DATABASE_URL: _, ...env } = process.env;
    const { stdout } = await run('node', [`${process.env.COE_TEST_BUILD}/libs/audit/src/verify.cli.js`], {
      cwd: root,
      env: { ...env, DATA_DIR: dataDir },
    });
    expect(stdout).toBe('audit:verify: intact: 2 events in 1 streams across 1 stores (reimbursement)\n');
    const { rows } = await database.pool.query('select count(*)::int as n from reimbursement.events');
    expect(rows).toEqual([{ n: 2 }]);
  }, 60_000);
});
