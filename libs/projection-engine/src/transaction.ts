import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one client. Never call the pool inside `work`: the embedded
 * database has a single connection, held here.
 */
export const inTransaction = async <T>(
  pool: Pool,
  work: (tx: PoolClient) => Promise<T>,
  isolation: 'read committed' | 'repeatable read' = 'read committed',
): Promise<T> => {
  const tx = await pool.connect();
  try {
    await tx.query(`begin isolation level ${isolation}`);
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
};
