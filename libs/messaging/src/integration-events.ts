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
  transactionId: event.transactionId,
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
    ...(event.transactionId === null ? {} : { [HEADERS.transactionId]: event.transactionId.toString() }),
    ...(event.effectiveOn ? { [HEADERS.effectiveOn]: event.effectiveOn } : {}),
    [HEADERS.hash]: event.hash,
  },
});

export class MalformedMessageError extends Error {}

type RawHeader = Buffer | string | (Buffer | string)[] | undefined;
type RawHeaders = Record<string, RawHeader>;

// read once: every access through the contracts module's re-export costs a getter call per message
const {
  id: ID,
  type: TYPE,
  source: SOURCE,
  time: TIME,
  subject: SUBJECT,
  streamVersion: STREAM_VERSION,
  globalPosition: GLOBAL_POSITION,
  transactionId: TRANSACTION_ID,
  effectiveOn: EFFECTIVE_ON,
  hash: HASH,
} = HEADERS;

const text = (raw: RawHeader): string | null => {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.toString('utf8');
};

const required = (headers: RawHeaders, name: string): string => {
  const value = text(headers[name]);
  if (value === null) throw new MalformedMessageError(`missing header ${name}`);
  return value;
};

/** Parses a Kafka message back; throws MalformedMessageError when a required header or the JSON is bad. */
export const fromKafkaRecord = (message: {
  value: Buffer | null;
  headers?: RawHeaders;
}): IntegrationEvent => {
  const headers = message.headers ?? {};
  let data: unknown;
  try {
    data = JSON.parse(message.value === null ? 'null' : message.value.toString('utf8'));
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`);
  }
  // an invalid time would fail every write of it, and its parking too (the dead letter holds it)
  const recordedAt = new Date(required(headers, TIME));
  if (Number.isNaN(recordedAt.getTime())) throw new MalformedMessageError(`${TIME} is not a time`);
  const transactionId = text(headers[TRANSACTION_ID]);
  return {
    id: required(headers, ID),
    type: required(headers, TYPE),
    source: required(headers, SOURCE),
    streamId: required(headers, SUBJECT),
    streamVersion: BigInt(required(headers, STREAM_VERSION)),
    globalPosition: BigInt(required(headers, GLOBAL_POSITION)),
    transactionId: transactionId === null ? null : BigInt(transactionId),
    effectiveOn: text(headers[EFFECTIVE_ON]),
    recordedAt,
    data,
    hash: required(headers, HASH),
  };
};
