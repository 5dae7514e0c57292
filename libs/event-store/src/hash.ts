import { canonicalJson, sha256Hex } from './canonical-json';
import type { EventMetadata } from './event-store.types';

export type HashedContent = {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  data: unknown;
  effectiveOn: string | null;
  recordedAt: Date;
  metadata: EventMetadata;
};

/** SHA-256 over the canonical form of everything an event says, except its place in the stream. */
export const contentHash = (event: HashedContent): string =>
  sha256Hex(
    canonicalJson({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      data: event.data,
      effectiveOn: event.effectiveOn,
      recordedAt: event.recordedAt.toISOString(),
      metadata: event.metadata,
    }),
  );

/**
 * Links an event to its predecessor in the stream. The append function computes the same value in SQL:
 * encode(sha256(convert_to(coalesce(previous_hash, '') || ':' || stream_version || ':' || content_hash, 'UTF8')), 'hex').
 */
export const chainHash = (previousHash: string | null, streamVersion: bigint, content: string): string =>
  sha256Hex(`${previousHash ?? ''}:${streamVersion.toString()}:${content}`);
