import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { MessagingRuntime } from '@coe/messaging';
import { DomainError, InjectPool } from '@coe/platform';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Checkpoint, sealCheckpoint, signingKey } from './checkpoint';

export type CheckpointConfig = { key: KeyObject | null; everyMs: number };

/**
 * AUDIT_SIGNING_KEY (PEM) or AUDIT_SIGNING_KEY_FILE: the Ed25519 key that signs checkpoints, never stored in
 * the database; AUDIT_CHECKPOINT_EVERY_MS: how often the system seals on its own (default a day; 0: never).
 */
export const checkpointConfig = (env: NodeJS.ProcessEnv): CheckpointConfig => {
  const pem =
    env.AUDIT_SIGNING_KEY ??
    (env.AUDIT_SIGNING_KEY_FILE ? readFileSync(env.AUDIT_SIGNING_KEY_FILE, 'utf8') : null);
  const everyMs = Number(env.AUDIT_CHECKPOINT_EVERY_MS ?? 86_400_000);
  if (!Number.isSafeInteger(everyMs) || everyMs < 0)
    throw new Error('AUDIT_CHECKPOINT_EVERY_MS must be a whole number of milliseconds');
  return { key: pem ? signingKey(pem) : null, everyMs };
};

const SCHEMA = 'coe_audit';

/**
 * Checkpoints of the stores of this process, sealed on request and every `everyMs`, kept (signed, so keeping
 * them in the database proves nothing by itself: the auditor downloads and keeps them) for download.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly config = checkpointConfig(process.env);
  private timer: NodeJS.Timeout | null = null;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectPool() private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.key || this.config.everyMs === 0) return;
    this.timer = setInterval(
      () => void this.seal().catch((e: Error) => this.logger.warn(`checkpoint failed: ${e.message}`)),
      this.config.everyMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async seal(): Promise<{ checkpointId: string; checkpoint: Checkpoint }> {
    if (!this.config.key)
      throw new DomainError(
        'CHECKPOINT_KEY_MISSING',
        'No AUDIT_SIGNING_KEY is configured to sign checkpoints.',
      );
    const schemas = this.runtime
      .storesInProcess()
      .map((s) => (s.store as unknown as { schemaName: string }).schemaName);
    const checkpoint = await sealCheckpoint(this.pool, this.config.key, new Date(), schemas);
    await this.table();
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into ${SCHEMA}.checkpoints (root, sealed_at, body) values ($1, $2, $3) returning id::text`,
      [checkpoint.root, checkpoint.sealedAt, JSON.stringify(checkpoint)],
    );
    this.logger.log(`checkpoint ${rows[0]!.id} sealed: root ${checkpoint.root}`);
    return { checkpointId: rows[0]!.id, checkpoint };
  }

  async get(checkpointId: string): Promise<Checkpoint> {
    await this.table();
    const { rows } = /^\d{1,18}$/.test(checkpointId)
      ? await this.pool.query<{ body: Checkpoint }>(`select body from ${SCHEMA}.checkpoints where id = $1`, [
          checkpointId,
        ])
      : { rows: [] };
    if (!rows[0]) throw new DomainError('CHECKPOINT_NOT_FOUND', `No checkpoint ${checkpointId}.`);
    return rows[0].body;
  }

  private table(): Promise<void> {
    this.ready ??= this.pool
      .query(
        `create schema if not exists ${SCHEMA};
         create table if not exists ${SCHEMA}.checkpoints (
           id bigint generated always as identity primary key,
           root text not null, sealed_at timestamptz not null, body jsonb not null)`,
      )
      .then(() => undefined)
      .catch((error: Error) => {
        this.ready = null;
        throw error;
      });
    return this.ready;
  }
}
