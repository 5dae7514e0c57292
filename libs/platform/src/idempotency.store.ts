import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { runMigrations } from '@coe/event-store';
import type { Pool } from 'pg';
import { PG_POOL } from './database';
import { PLATFORM_SCHEMA, platformMigrations } from './idempotency.migrations';

export type IdempotencyScope = { actor: string; method: string; path: string; key: string };
export type StoredResponse = { status: number; body: string | null; headers: Record<string, string> };

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in-progress' };

// A pending row older than this belongs to a request that died (crash, lost connection): a retry may
// take it over. Longer than any request may take, the largest CSV import included.
const ABANDONED_AFTER = '10 minutes';
// Several apps migrating one database at once can race on `create schema if not exists`.
const RACE_CODES = new Set(['23505', '42P06', '42P07']);

/** The `platform.idempotency_keys` table: one statement per call, so no transaction spans a handler. */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private readonly table = `${PLATFORM_SCHEMA}.idempotency_keys`;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runMigrations(this.pool, PLATFORM_SCHEMA, platformMigrations);
        return;
      } catch (error) {
        if (attempt >= 3 || !RACE_CODES.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  /**
   * Inserts the key as pending, atomically: of concurrent requests with one key, one gets `claimed`.
   * The others get the stored response, `reused` (another body) or `in-progress`.
   */
  async claim(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyClaim> {
    const params = [scope.actor, scope.method, scope.path, scope.key, requestHash];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted = await this.pool.query(
        `insert into ${this.table} as k (actor, method, path, idempotency_key, request_hash, state)
         values ($1, $2, $3, $4, $5, 'pending')
         on conflict (actor, method, path, idempotency_key) do update set created_at = now()
           where k.state = 'pending' and k.request_hash = excluded.request_hash
             and k.created_at < now() - interval '${ABANDONED_AFTER}'
         returning 1`,
        params,
      );
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      const found = await this.pool.query<{
        request_hash: string;
        state: 'pending' | 'completed';
        status_code: number | null;
        response_body: string | null;
        response_headers: Record<string, string>;
      }>(
        `select request_hash, state, status_code, response_body, response_headers from ${this.table}
         where actor = $1 and method = $2 and path = $3 and idempotency_key = $4`,
        params.slice(0, 4),
      );
      const row = found.rows[0];
      // Released between the two statements: try to claim it again.
      if (row === undefined) continue;
      if (row.request_hash !== requestHash) return { kind: 'reused' };
      if (row.state === 'pending') return { kind: 'in-progress' };
      return {
        kind: 'replay',
        response: { status: row.status_code ?? 200, body: row.response_body, headers: row.response_headers },
      };
    }
    return { kind: 'in-progress' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `update ${this.table} set state = 'completed', status_code = $5, response_body = $6,
         response_headers = $7, completed_at = now()
       where actor = $1 and method = $2 and path = $3 and idempotency_key = $4 and state = 'pending'`,
      [scope.actor, scope.method, scope.path, scope.key, response.status, response.body, response.headers],
    );
  }

  /** Forgets a pending key, so that a retry runs the request again. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.pool.query(
      `delete from ${this.table}
       where actor = $1 and method = $2 and path = $3 and idempotency_key = $4 and state = 'pending'`,
      [scope.actor, scope.method, scope.path, scope.key],
    );
  }
}
