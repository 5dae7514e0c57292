import { randomBytes } from 'node:crypto';
import { SESSION_OPTIONS } from '@coe/platform';
import { Pool } from 'pg';

/** A pool on the integration database the global setup chose (real PostgreSQL), with the services' sessions. */
export const testPool = (max = 10): Pool => {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error('DATABASE_URL is not set: run integration tests through jest (global setup)');
  return new Pool({ connectionString, max, options: SESSION_OPTIONS });
};

/** A fresh schema name per test, so test files run in parallel without truncating anything. */
export const randomSchema = (prefix = 't'): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export const dropSchema = async (pool: Pool, schema: string): Promise<void> => {
  await pool.query(`drop schema if exists ${schema} cascade`);
};
