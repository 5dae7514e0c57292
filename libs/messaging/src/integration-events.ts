import type { IntegrationEvent } from '@coe/contracts';
import { HEADERS, sourceFor, type ServiceName } from '@coe/contracts';
import type { StoredEvent } from '@coe/event-store';

export type KafkaRecord = { key: string; value: string; headers: Record<string, string> };

export const fromStoredEvent = (event: StoredEvent, service: ServiceName): IntegrationEvent => ({
  id: event.eventId,
  type: event.type,
  source: sourceFor(service),
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  effectiveOn: event.effectiveOn,
  recordedAt: event.recordedAt,
  data: event.data,
  hash: event.hash,
});

/** Key = stream id, value = the event's data as JSON, envelope in CloudEvents binary-mode headers. */
export const toKafkaRecord = (event: IntegrationEvent): KafkaRecord => ({
  key: event.streamId,
  value: JSON.stringify(event.data),
  headers: {
    [HEADERS.specVersion]: '1.0',
    [HEADERS.id]: event.id,
    [HEADERS.type]: event.type,
    [HEADERS.source]: event.source,
    [HEADERS.time]: event.recordedAt.toISOString(),
    [HEADERS.subject]: event.streamId,
    [HEADERS.contentType]: 'application/json',
    [HEADERS.streamVersion]: event.streamVersion.toString(),
    [HEADERS.globalPosition]: event.globalPosition.toString(),
    ...(event.effectiveOn ? { [HEADERS.effectiveOn]: event.effectiveOn } : {}),
    [HEADERS.hash]: event.hash,
  },
});

export class MalformedMessageError extends Error {}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** Parses a Kafka message back; throws MalformedMessageError when a required header or the JSON is bad. */
export const fromKafkaRecord = (message: {
  value: Buffer | null;
  headers?: RawHeaders;
}): IntegrationEvent => {
  const headers = message.headers ?? {};
  const header = (name: string, required = true): string | null => {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) {
      if (required) throw new MalformedMessageError(`missing header ${name}`);
      return null;
    }
    return value.toString();
  };
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? 'null');
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`);
  }
  // an invalid time would fail every write of it, and its parking too (the dead letter holds it)
  const recordedAt = new Date(header(HEADERS.time)!);
  if (Number.isNaN(recordedAt.getTime())) throw new MalformedMessageError(`${HEADERS.time} is not a time`);
  return {
    id: header(HEADERS.id)!,
    type: header(HEADERS.type)!,
    source: header(HEADERS.source)!,
    streamId: header(HEADERS.subject)!,
    streamVersion: BigInt(header(HEADERS.streamVersion)!),
    globalPosition: BigInt(header(HEADERS.globalPosition)!),
    effectiveOn: header(HEADERS.effectiveOn, false),
    recordedAt,
    data,
    hash: header(HEADERS.hash)!,
  };
};
