import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/** A versioned schema change; `sql` receives the schema name (already validated) and returns SQL. */
export type Migration = { id: string; sql: (schema: string) => string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Rejects anything that is not a plain lower-case identifier, so it can be interpolated into SQL. */
export const assertSchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  return schema;
};

/** A migration recorded as applied whose SQL has changed since: the database and the code disagree. */
export class MigrationChangedError extends Error {
  readonly code = 'MIGRATION_CHANGED';
  constructor(
    readonly schema: string,
    readonly migrationId: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `Migration ${migrationId} of schema ${schema} was applied with checksum ${recorded}, but its SQL now ` +
        `has checksum ${current}: a migration already applied must not change; add a new one instead.`,
    );
  }
}

/** SHA-256 of the SQL a migration runs for this schema, as recorded in `schema_migrations.checksum`. */
export const migrationChecksum = (schema: string, migration: Migration): string =>
  createHash('sha256').update(migration.sql(schema)).digest('hex');

/**
 * Applies the migrations not yet recorded in `<schema>.schema_migrations`, each in its own transaction,
 * in list order, recording each one's checksum; refuses to start (MigrationChangedError) when an applied
 * migration's SQL has changed since. A migration recorded before checksums existed gets its current one.
 * An advisory lock keyed on the schema makes concurrent starts of several instances safe, from the
 * schema's creation on (two services creating one schema at once collided on pg_namespace).
 */
export const runMigrations = async (
  pool: Pool,
  schema: string,
  migrations: Migration[],
): Promise<string[]> => {
  assertSchemaName(schema);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await inTransaction(client, schema, async () => {
      await client.query(`create schema if not exists ${schema}`);
      await client.query(
        `create table if not exists ${schema}.schema_migrations (id text primary key, applied_at timestamptz not null default now())`,
      );
      await client.query(`alter table ${schema}.schema_migrations add column if not exists checksum text`);
    });
    for (const migration of migrations) {
      if (await applyOne(client, schema, migration)) applied.push(migration.id);
    }
  } finally {
    client.release();
  }
  return applied;
};

const inTransaction = async <T>(client: PoolClient, schema: string, work: () => Promise<T>): Promise<T> => {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`coe-migrations:${schema}`]);
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
};

const applyOne = (client: PoolClient, schema: string, migration: Migration): Promise<boolean> =>
  inTransaction(client, schema, async () => {
    const checksum = migrationChecksum(schema, migration);
    const done = await client.query<{ checksum: string | null }>(
      `select checksum from ${schema}.schema_migrations where id = $1`,
      [migration.id],
    );
    const recorded = done.rows[0];
    if (recorded) {
      if (recorded.checksum === null)
        await client.query(`update ${schema}.schema_migrations set checksum = $2 where id = $1`, [
          migration.id,
          checksum,
        ]);
      else if (recorded.checksum !== checksum)
        throw new MigrationChangedError(schema, migration.id, recorded.checksum, checksum);
      return false;
    }
    await client.query(migration.sql(schema));
    await client.query(`insert into ${schema}.schema_migrations (id, checksum) values ($1, $2)`, [
      migration.id,
      checksum,
    ]);
    return true;
  });
