import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { PG_POOL } from './database';
import type { DocumentMediaType } from './document-content';
import { PLATFORM_SCHEMA } from './idempotency.migrations';

/** What is known of a stored document without its bytes; `sha256` (lowercase hex) is its identity. */
export type DocumentDescriptor = { sha256: string; mediaType: DocumentMediaType; size: number };

export type StoredDocument = DocumentDescriptor & { content: Buffer };

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * Content-addressed documents: the SHA-256 of the bytes is the key, so storing the same bytes twice
 * keeps one copy and an event that names the hash names exactly these bytes. The port an object store
 * (S3 and the like, keyed by the hash) can implement instead of PostgreSQL.
 */
export abstract class DocumentStore {
  /** Stores the bytes unless already stored; `created` says which. */
  abstract put(
    content: Buffer,
    mediaType: DocumentMediaType,
  ): Promise<DocumentDescriptor & { created: boolean }>;

  /** The descriptors of those of the hashes that are stored. */
  abstract describe(sha256s: readonly string[]): Promise<Map<string, DocumentDescriptor>>;

  /** The document as stored, unchecked: the caller compares its hash. */
  abstract read(sha256: string): Promise<StoredDocument | undefined>;
}

type Row = { sha256: string; media_type: DocumentMediaType; size: number };

const descriptor = (row: Row): DocumentDescriptor => ({
  sha256: row.sha256,
  mediaType: row.media_type,
  size: row.size,
});

/** `platform.documents`, next to the idempotency keys: the database of the service that serves the route. */
@Injectable()
export class PostgresDocumentStore extends DocumentStore {
  private readonly table = `${PLATFORM_SCHEMA}.documents`;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    super();
  }

  async put(
    content: Buffer,
    mediaType: DocumentMediaType,
  ): Promise<DocumentDescriptor & { created: boolean }> {
    const sha256 = sha256Of(content);
    const inserted = await this.pool.query(
      `insert into ${this.table} (sha256, media_type, size, content) values ($1, $2, $3, $4)
       on conflict (sha256) do nothing`,
      [sha256, mediaType, content.length, content],
    );
    return { sha256, mediaType, size: content.length, created: inserted.rowCount === 1 };
  }

  async describe(sha256s: readonly string[]): Promise<Map<string, DocumentDescriptor>> {
    const wellFormed = sha256s.filter((sha256) => SHA256_HEX.test(sha256));
    if (wellFormed.length === 0) return new Map();
    const { rows } = await this.pool.query<Row>(
      `select sha256, media_type, size from ${this.table} where sha256 = any($1::text[])`,
      [wellFormed],
    );
    return new Map(rows.map((row) => [row.sha256, descriptor(row)]));
  }

  async read(sha256: string): Promise<StoredDocument | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const { rows } = await this.pool.query<Row & { content: Buffer }>(
      `select sha256, media_type, size, content from ${this.table} where sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    return row === undefined ? undefined : { ...descriptor(row), content: row.content };
  }
}
