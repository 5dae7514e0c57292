import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { type Migration, MigrationChangedError, migrationChecksum, runMigrations } from './migrations';

// Issue 17: an applied migration whose SQL changed afterwards must stop the start, not be skipped silently
// (the database would no longer be what the code describes).
const first: Migration = { id: 'm-001', sql: (s) => `create table ${s}.t (id int primary key)` };
const second: Migration = { id: 'm-002', sql: (s) => `alter table ${s}.t add column name text` };

describe('runMigrations', () => {
  let pool: Pool;
  let schema: string;
  beforeEach(() => {
    pool = testPool(4);
    schema = randomSchema('mig');
  });
  afterEach(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  const recorded = async () =>
    (
      await pool.query<{ id: string; checksum: string | null }>(
        `select id, checksum from ${schema}.schema_migrations order by id`,
      )
    ).rows;

  it('applies each migration once and records the checksum of its SQL', async () => {
    expect(await runMigrations(pool, schema, [first, second])).toEqual(['m-001', 'm-002']);
    expect(await runMigrations(pool, schema, [first, second])).toEqual([]);
    expect(await recorded()).toEqual([
      { id: 'm-001', checksum: migrationChecksum(schema, first) },
      { id: 'm-002', checksum: migrationChecksum(schema, second) },
    ]);
    expect(migrationChecksum(schema, first)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an applied migration whose SQL changed since, applying nothing after it', async () => {
    await runMigrations(pool, schema, [first]);
    const changed: Migration = { id: 'm-001', sql: (s) => `create table ${s}.t (id bigint primary key)` };
    const refused = runMigrations(pool, schema, [changed, second]);
    await expect(refused).rejects.toBeInstanceOf(MigrationChangedError);
    await expect(refused).rejects.toMatchObject({ code: 'MIGRATION_CHANGED', migrationId: 'm-001' });
    expect((await recorded()).map((r) => r.id)).toEqual(['m-001']);
  });

  it('gives a migration recorded before checksums existed its checksum, then holds it to it', async () => {
    await runMigrations(pool, schema, [first]);
    await pool.query(`update ${schema}.schema_migrations set checksum = null`);
    expect(await runMigrations(pool, schema, [first])).toEqual([]);
    expect(await recorded()).toEqual([{ id: 'm-001', checksum: migrationChecksum(schema, first) }]);
  });

  it('lets several instances start on a fresh schema at once', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => runMigrations(pool, schema, [first, second])));
    expect(runs.flat().sort()).toEqual(['m-001', 'm-002']);
  });
});
