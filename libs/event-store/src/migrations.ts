import type { Pool, PoolClient } from 'pg';

/** A versioned schema change; `sql` receives the schema name (already validated) and returns SQL. */
export type Migration = { id: string; sql: (schema: string) => string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Rejects anything that is not a plain lower-case identifier, so it can be interpolated into SQL. */
export const assertSchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  return schema;
};

/**
 * Applies the migrations not yet recorded in `<schema>.schema_migrations`, each in its own transaction,
 * in list order. An advisory lock keyed on the schema makes concurrent starts of several instances safe.
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
    await client.query(`create schema if not exists ${schema}`);
    await client.query(
      `create table if not exists ${schema}.schema_migrations (id text primary key, applied_at timestamptz not null default now())`,
    );
    for (const migration of migrations) {
      if (await applyOne(client, schema, migration)) applied.push(migration.id);
    }
  } finally {
    client.release();
  }
  return applied;
};

const applyOne = async (client: PoolClient, schema: string, migration: Migration): Promise<boolean> => {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`coe-migrations:${schema}`]);
    const done = await client.query(`select 1 from ${schema}.schema_migrations where id = $1`, [
      migration.id,
    ]);
    if (done.rowCount) {
      await client.query('rollback');
      return false;
    }
    await client.query(migration.sql(schema));
    await client.query(`insert into ${schema}.schema_migrations (id) values ($1)`, [migration.id]);
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
};
