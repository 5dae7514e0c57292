import type { Pool } from 'pg';
import { chainHash, contentHash } from './hash';
import { assertSchemaName } from './migrations';

export type ChainBreak = {
  streamId: string;
  streamVersion: bigint;
  problem: 'CONTENT_ALTERED' | 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'VERSION_GAP';
};

export type ChainReport = { schema: string; streams: number; events: number; firstBreak: ChainBreak | null };

type Row = {
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: never;
  effective_on: string | null;
  recorded_at: Date;
  content_hash: string;
  hash: string;
  previous_hash: string | null;
};

const PAGE = 5000;

export type VerifyOptions = {
  /** Only this stream. */
  streamId?: string;
  /** Called after each page with the events and streams checked so far (a long run reports progress). */
  onProgress?: (checked: { events: number; streams: number }) => void;
};

/**
 * Recomputes every event's content hash and the chain of each stream from the stored rows (as stored, not
 * upcast). Stops at the first break: an altered event, a removed one (a version gap) or a relinked chain.
 * Reads page by page (no long transaction), so it runs beside a live system.
 */
export const verifyHashChains = async (
  pool: Pool,
  schema: string,
  options: VerifyOptions = {},
): Promise<ChainReport> => {
  const s = assertSchemaName(schema);
  const only = options.streamId === undefined ? '' : 'and stream_id = $3';
  let streams = 0;
  let events = 0;
  let previous: { streamId: string; version: bigint; hash: string } | null = null;
  const page = (cursor: [string, string]): Promise<Row[]> =>
    pool
      .query<Row>(
        `select event_id, stream_id, stream_version, event_type, schema_version, data, metadata,
                to_char(effective_on, 'YYYY-MM-DD') as effective_on, recorded_at, content_hash, hash, previous_hash
           from ${s}.events where (stream_id, stream_version) > ($1, $2::bigint) ${only}
          order by stream_id, stream_version limit ${PAGE}`,
        options.streamId === undefined ? cursor : [...cursor, options.streamId],
      )
      .then((result) => result.rows);
  let next = page(['', '0']);
  for (;;) {
    const rows = await next;
    if (rows.length === PAGE) {
      // the next page is read while this one is hashed (a break returns without waiting for it)
      const last = rows.at(-1)!;
      next = page([last.stream_id, last.stream_version]);
      next.catch(() => undefined);
    }
    for (const row of rows) {
      const version = BigInt(row.stream_version);
      const sameStream: boolean = previous?.streamId === row.stream_id;
      if (!sameStream) streams++;
      events++;
      const at = (problem: ChainBreak['problem']): ChainReport => ({
        schema: s,
        streams,
        events,
        firstBreak: { streamId: row.stream_id, streamVersion: version, problem },
      });
      const expectedVersion: bigint = sameStream ? previous!.version + 1n : 1n;
      if (version !== expectedVersion) {
        return {
          ...at('VERSION_GAP'),
          firstBreak: { streamId: row.stream_id, streamVersion: expectedVersion, problem: 'VERSION_GAP' },
        };
      }
      const expectedPrevious = sameStream ? previous!.hash : null;
      if (row.previous_hash !== expectedPrevious) return at('PREVIOUS_HASH_MISMATCH');
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
      if (content !== row.content_hash) return at('CONTENT_ALTERED');
      if (chainHash(row.previous_hash, version, content) !== row.hash) return at('HASH_MISMATCH');
      previous = { streamId: row.stream_id, version, hash: row.hash };
    }
    options.onProgress?.({ events, streams });
    if (rows.length < PAGE) return { schema: s, streams, events, firstBreak: null };
  }
};
