import { EventStore, type WriteTx, WritePath } from '@coe/event-store';
import { InjectPool } from '@coe/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';

/** DI token of this service's schema name (`reimbursement`, or a test's prefixed one). */
export const REIMBURSEMENT_SCHEMA = Symbol('REIMBURSEMENT_SCHEMA');

export type Tx = WriteTx & { schema: string };

/**
 * One PostgreSQL transaction for a write, on the shared write path ({@link WritePath}): its events (on
 * one stream or several) and the read tables they change commit together, and a lost race runs it again
 * once. Writes touching cash or what is owed on claims (certifications excepted) take one advisory lock,
 * so payments, runs and receipts see each other's effects in order. Inside, query only through `tx`: the
 * embedded database has one connection.
 */
@Injectable()
export class ReimbursementDatabase {
  constructor(
    @InjectPool() readonly pool: Pool,
    /** For reads outside a write; writes get a store bound to their transaction. */
    readonly store: EventStore,
    private readonly path: WritePath,
    @Inject(REIMBURSEMENT_SCHEMA) readonly schema: string,
  ) {}

  write<T>(work: (t: Tx) => Promise<T>, options: { cashLock?: boolean } = {}): Promise<T> {
    return this.path.transaction((t) => work({ ...t, schema: this.schema }), {
      ...(options.cashLock ? { lock: `${this.schema}:cash` } : {}),
    });
  }

  /** A read outside any write (never call it inside `write`). */
  query<Row extends object>(sql: string, values: unknown[] = []): Promise<Row[]> {
    return this.pool.query<Row>(sql, values).then((r) => r.rows);
  }
}
