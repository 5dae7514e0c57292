import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { assertSchemaName, canonicalJson, chainHash, contentHash, sha256Hex } from '@coe/event-store';
import type { Pool, PoolClient } from 'pg';

/** The last event of a stream inside the sealed part of a store, and its chained hash. */
export type StreamHead = { streamId: string; version: string; hash: string };

/**
 * One store's sealed history: every event recorded by a transaction below `upToTransactionId` (all of them
 * finished when the seal was taken, so the set can never grow), the last of them at `upToGlobalPosition`.
 */
export type StoreSeal = {
  schema: string;
  upToTransactionId: string;
  upToGlobalPosition: string | null;
  events: number;
  /** Sorted by stream id (code units). */
  heads: StreamHead[];
  /** Merkle root of the heads (see merkleRoot). */
  root: string;
};

export const CHECKPOINT_FORMAT = 'coe-checkpoint/1';

export type UnsignedCheckpoint = {
  format: typeof CHECKPOINT_FORMAT;
  sealedAt: string;
  stores: StoreSeal[];
  /** sha256 of the canonical JSON of [[schema, upToTransactionId, root], …]. */
  root: string;
  /** The Ed25519 public key that signed it, SPKI DER, base64. */
  publicKey: string;
};

/** Ed25519 signature (base64) over the canonical JSON of every other field. */
export type Checkpoint = UnsignedCheckpoint & { signature: string };

const leaf = (head: StreamHead) =>
  sha256Hex(`leaf:${canonicalJson([head.streamId, head.version, head.hash])}`);

/** Binary Merkle tree over the leaves in order; an odd node is carried up unchanged. */
export const merkleRoot = (heads: readonly StreamHead[]): string => {
  let level = heads.map(leaf);
  if (level.length === 0) return sha256Hex('empty');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? sha256Hex(`node:${level[i]}${level[i + 1]}`) : level[i]!);
    level = next;
  }
  return level[0]!;
};

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const checkpointRoot = (stores: readonly StoreSeal[]): string =>
  sha256Hex(canonicalJson(stores.map((s) => [s.schema, s.upToTransactionId, s.root])));

const payloadOf = (checkpoint: Checkpoint | UnsignedCheckpoint): Buffer => {
  const { signature: _, ...unsigned } = checkpoint as Partial<Checkpoint>;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
};

/** Reads a signing key given as PEM (PKCS#8); refuses anything but Ed25519. */
export const signingKey = (pem: string): KeyObject => {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint signing key must be Ed25519');
  return key;
};

/** The event stores in a database: every schema with an `events` table carrying content hashes. */
export const eventStoreSchemas = async (pool: Pool): Promise<string[]> => {
  const { rows } = await pool.query<{ schema: string }>(
    `select table_schema as schema from information_schema.columns
      where table_name = 'events' and column_name = 'content_hash' order by 1`,
  );
  return rows.map((r) => r.schema);
};

const sealStore = async (tx: PoolClient, schema: string, below: string): Promise<StoreSeal> => {
  const s = assertSchemaName(schema);
  const { rows } = await tx.query<{ streamId: string; version: string; hash: string }>(
    `select distinct on (stream_id) stream_id as "streamId", stream_version::text as version, hash
       from ${s}.events where transaction_id < $1::xid8 order by stream_id, stream_version desc`,
    [below],
  );
  const { rows: totals } = await tx.query<{ events: number; position: string | null }>(
    `select count(*)::int as events, max(global_position)::text as position
       from ${s}.events where transaction_id < $1::xid8`,
    [below],
  );
  const heads = rows.sort((a, b) => byCodeUnit(a.streamId, b.streamId));
  return {
    schema: s,
    upToTransactionId: below,
    upToGlobalPosition: totals[0]!.position,
    events: totals[0]!.events,
    heads,
    root: merkleRoot(heads),
  };
};

/**
 * Seals every store of the database (or those of `schemas`): the heads of their streams below the oldest transaction still running
 * (so no event can later appear below the seal), a Merkle root over them, signed with `key`.
 */
export const sealCheckpoint = async (
  pool: Pool,
  key: KeyObject,
  sealedAt: Date,
  schemas?: readonly string[],
): Promise<Checkpoint> => {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ below: string }>(
      'select pg_snapshot_xmin(pg_current_snapshot())::text as below',
    );
    const stores: StoreSeal[] = [];
    for (const schema of schemas ?? (await eventStoreSchemas(pool)))
      stores.push(await sealStore(client, schema, rows[0]!.below));
    await client.query('commit');
    const unsigned: UnsignedCheckpoint = {
      format: CHECKPOINT_FORMAT,
      sealedAt: sealedAt.toISOString(),
      stores,
      root: checkpointRoot(stores),
      publicKey: createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64'),
    };
    return { ...unsigned, signature: sign(null, payloadOf(unsigned), key).toString('base64') };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export type CheckpointProblem = {
  schema: string | null;
  streamId: string | null;
  problem:
    | 'BAD_SIGNATURE'
    | 'UNTRUSTED_KEY'
    | 'ROOT_MISMATCH'
    | 'STORE_MISSING'
    | 'STREAM_MISSING'
    | 'HISTORY_REWRITTEN'
    | 'NOT_SEALED';
};

/** What was recorded after the seal, per stream: versions `fromVersion` to `toVersion`. */
export type RecordedAfter = { schema: string; streamId: string; fromVersion: string; toVersion: string };

export type CheckpointVerification = {
  intact: boolean;
  problems: CheckpointProblem[];
  sealedEvents: number;
  after: RecordedAfter[];
};

type EventRow = {
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: never;
  effective_on: string | null;
  recorded_at: Date;
  sealed: boolean;
};

const PAGE = 5000;

/**
 * Checks a checkpoint against today's history: its signature (with `trustedKey`, the public key the auditor
 * kept, when given), its roots, and that the events below its seal are exactly the sealed ones: each sealed
 * stream's chain recomputed from the events' content (not from the stored hashes, which a superuser could
 * have re-chained) must end on the sealed head hash, and no other stream may have events below the seal.
 * Lists what was recorded after the seal.
 */
export const verifyCheckpoint = async (
  pool: Pool,
  checkpoint: Checkpoint,
  trustedKey?: KeyObject,
): Promise<CheckpointVerification> => {
  const problems: CheckpointProblem[] = [];
  const problem = (p: CheckpointProblem) => problems.push(p);
  const key = createPublicKey({
    key: Buffer.from(checkpoint.publicKey, 'base64'),
    format: 'der',
    type: 'spki',
  });
  if (trustedKey && !key.equals(trustedKey))
    problem({ schema: null, streamId: null, problem: 'UNTRUSTED_KEY' });
  if (!verify(null, payloadOf(checkpoint), key, Buffer.from(checkpoint.signature, 'base64')))
    problem({ schema: null, streamId: null, problem: 'BAD_SIGNATURE' });
  if (
    checkpoint.root !== checkpointRoot(checkpoint.stores) ||
    checkpoint.stores.some((s) => s.root !== merkleRoot(s.heads))
  )
    problem({ schema: null, streamId: null, problem: 'ROOT_MISMATCH' });

  const schemas = new Set(await eventStoreSchemas(pool));
  const after: RecordedAfter[] = [];
  let sealedEvents = 0;
  for (const seal of checkpoint.stores) {
    if (!schemas.has(seal.schema)) {
      problem({ schema: seal.schema, streamId: null, problem: 'STORE_MISSING' });
      continue;
    }
    const s = assertSchemaName(seal.schema);
    const heads = new Map(seal.heads.map((h) => [h.streamId, h]));
    const seen = new Set<string>();
    let stream: { id: string; hash: string | null; version: bigint; reported: boolean } | null = null;
    // the end of one stream's sealed part: its recomputed head must be the sealed one
    const close = () => {
      if (!stream) return;
      const head = heads.get(stream.id);
      if (!head) {
        problem({ schema: s, streamId: stream.id, problem: 'NOT_SEALED' });
      } else if (
        !stream.reported &&
        (stream.version.toString() !== head.version || stream.hash !== head.hash)
      ) {
        problem({ schema: s, streamId: stream.id, problem: 'HISTORY_REWRITTEN' });
      }
      seen.add(stream.id);
      stream = null;
    };
    let cursor: [string, string] = ['', '0'];
    for (;;) {
      const { rows } = await pool.query<EventRow>(
        `select event_id, stream_id, stream_version::text, event_type, schema_version, data, metadata,
                to_char(effective_on, 'YYYY-MM-DD') as effective_on, recorded_at,
                transaction_id < $3::xid8 as sealed
           from ${s}.events where (stream_id, stream_version) > ($1, $2::bigint)
          order by stream_id, stream_version limit ${PAGE}`,
        [...cursor, seal.upToTransactionId],
      );
      for (const row of rows) {
        if (stream && stream.id !== row.stream_id) close();
        if (!row.sealed) {
          const last = after.at(-1);
          if (last && last.schema === s && last.streamId === row.stream_id)
            last.toVersion = row.stream_version;
          else
            after.push({
              schema: s,
              streamId: row.stream_id,
              fromVersion: row.stream_version,
              toVersion: row.stream_version,
            });
          continue;
        }
        sealedEvents++;
        stream ??= { id: row.stream_id, hash: null, version: 0n, reported: false };
        const version = BigInt(row.stream_version);
        if (version !== stream.version + 1n) {
          // a sealed event removed or moved: the chain cannot reach the sealed head
          if (!stream.reported) problem({ schema: s, streamId: row.stream_id, problem: 'HISTORY_REWRITTEN' });
          stream.reported = true;
        }
        const content = contentHash({
          eventId: row.event_id,
          type: row.event_type,
          schemaVersion: row.schema_version,
          streamId: row.stream_id,
          data: row.data,
          effectiveOn: row.effective_on,
          recordedAt: row.recorded_at,
          metadata: row.metadata,
        });
        stream.hash = chainHash(stream.hash, version, content);
        stream.version = version;
      }
      if (rows.length < PAGE) break;
      const last = rows.at(-1)!;
      cursor = [last.stream_id, last.stream_version];
    }
    close();
    for (const head of seal.heads)
      if (!seen.has(head.streamId))
        problem({ schema: s, streamId: head.streamId, problem: 'STREAM_MISSING' });
  }
  return { intact: problems.length === 0, problems, sealedEvents, after };
};
