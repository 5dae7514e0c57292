import { EventStore, type TransactionalEventStore, WrongExpectedVersionError } from '@coe/event-store';
import { InjectPool } from '@coe/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';

/** DI token of this service's schema name (`reimbursement`, or a test's prefixed one). */
export const REIMBURSEMENT_SCHEMA = Symbol('REIMBURSEMENT_SCHEMA');

export type Tx = { tx: PoolClient; store: TransactionalEventStore; schema: string };

const ATTEMPTS = 3;

/**
 * One PostgreSQL transaction for a write: its events (on one stream or several) and the read tables
 * they change commit together. Writes touching cash or what is owed on claims (certifications excepted)
 * take one advisory lock, so payments, runs and receipts see each other's effects in order. A lost race
 * on a stream version starts the transaction over. Inside, query only through `tx`: the embedded
 * database has one connection.
 */
@Injectable()
export class ReimbursementDatabase {
  constructor(
    @InjectPool() readonly pool: Pool,
    readonly store: EventStore,
    @Inject(REIMBURSEMENT_SCHEMA) readonly schema: string,
  ) {}

  async write<T>(
    work: (t: Tx) => Promise<T>,
    options: { cashLock?: boolean; retry?: boolean } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = await this.pool.connect();
      try {
        await tx.query('begin');
        if (options.cashLock)
          await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:cash`]);
        const store = this.store.withTransaction(tx);
        const result = await work({ tx, store, schema: this.schema });
        await tx.query('commit');
        store.committed();
        return result;
      } catch (error) {
        await tx.query('rollback').catch(() => undefined);
        const retry =
          error instanceof WrongExpectedVersionError && options.retry !== false && attempt < ATTEMPTS;
        if (!retry) throw error;
      } finally {
        tx.release();
      }
    }
  }

  /** A read outside any write (never call it inside `write`). */
  query<Row extends object>(sql: string, values: unknown[] = []): Promise<Row[]> {
    return this.pool.query<Row>(sql, values).then((r) => r.rows);
  }
}
