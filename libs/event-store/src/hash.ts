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
 * The same hash as `contentHash` for the events of one append, which share stream, metadata and recording
 * instant: those are made canonical once. The metadata and each event's data come as canonical JSON, the
 * text that is also stored. The keys are written in canonical (sorted) order by hand; a unit test holds
 * it to `contentHash`.
 */
export const appendContentHasher = (streamId: string, recordedAtIso: string, canonicalMetadata: string) => {
  const shared = `,"metadata":${canonicalMetadata},"recordedAt":"${recordedAtIso}"`;
  const stream = `,"streamId":${JSON.stringify(streamId)}`;
  return (event: {
    eventId: string;
    type: string;
    schemaVersion: number;
    canonicalData: string;
    effectiveOn: string | null;
  }): string =>
    sha256Hex(
      `{"data":${event.canonicalData},"effectiveOn":${event.effectiveOn === null ? 'null' : JSON.stringify(event.effectiveOn)}` +
        `,"eventId":${JSON.stringify(event.eventId)}${shared},"schemaVersion":${canonicalJson(event.schemaVersion)}` +
        `${stream},"type":${JSON.stringify(event.type)}}`,
    );
};

/**
 * Links an event to its predecessor in the stream:
 * sha256(previous_hash or '' || ':' || stream_version || ':' || content_hash), hex.
 */
export const chainHash = (previousHash: string | null, streamVersion: bigint, content: string): string =>
  sha256Hex(`${previousHash ?? ''}:${streamVersion.toString()}:${content}`);
