import type { IntegrationEvent } from '@coe/contracts';
import { HEADERS, sourceFor, type ServiceName } from '@coe/contracts';
import type { StoredEvent, StoredEventText } from '@coe/event-store';

export type KafkaRecord = { key: string; value: string; headers: Record<string, string> };

// read once: every access through the contracts module's re-export costs a getter call per message
const {
  specVersion: SPEC_VERSION,
  contentType: CONTENT_TYPE,
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
    [SPEC_VERSION]: '1.0',
    [ID]: event.id,
    [TYPE]: event.type,
    [SOURCE]: event.source,
    [TIME]: event.recordedAt.toISOString(),
    [SUBJECT]: event.streamId,
    [CONTENT_TYPE]: 'application/json',
    [STREAM_VERSION]: event.streamVersion.toString(),
    [GLOBAL_POSITION]: event.globalPosition.toString(),
    ...(event.transactionId === null ? {} : { [TRANSACTION_ID]: event.transactionId.toString() }),
    ...(event.effectiveOn ? { [EFFECTIVE_ON]: event.effectiveOn } : {}),
    [HASH]: event.hash,
  },
});

/**
 * The record `toKafkaRecord(fromStoredEvent(event, service))` gives, from an event read as text: its data is
 * passed on as the store wrote it (the same JSON, maybe spaced differently), nothing decoded or re-encoded.
 */
export const toKafkaRecordFromText = (event: StoredEventText, service: ServiceName): KafkaRecord => ({
  key: event.streamId,
  value: event.data,
  headers: {
    [SPEC_VERSION]: '1.0',
    [ID]: event.eventId,
    [TYPE]: event.type,
    [SOURCE]: sourceFor(service),
    [TIME]: event.recordedAt,
    [SUBJECT]: event.streamId,
    [CONTENT_TYPE]: 'application/json',
    [STREAM_VERSION]: event.streamVersion,
    [GLOBAL_POSITION]: event.globalPosition,
    [TRANSACTION_ID]: event.transactionId,
    ...(event.effectiveOn ? { [EFFECTIVE_ON]: event.effectiveOn } : {}),
    [HASH]: event.hash,
  },
});

export class MalformedMessageError extends Error {}

type RawHeader = Buffer | string | (Buffer | string)[] | undefined;
type RawHeaders = Record<string, RawHeader>;

/** A header's value: the first one when it is repeated. */
const first = (raw: RawHeader): Buffer | string | undefined => (Array.isArray(raw) ? raw[0] : raw);

// toString() without arguments is Buffer's fast path, straight to its UTF-8 decoder: with an encoding
// named, each call goes through the generic path first (several header values per message add up)
const text = (raw: RawHeader): string | null => {
  const value = first(raw);
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.toString();
};

/**
 * A decimal header as a bigint (null when absent). Read from its bytes when it has at most 15 digits
 * (exact in a double), as positions and versions will for a long time: no string per message, and no
 * parsing of one.
 */
const integer = (raw: RawHeader, name: string): bigint | null => {
  const value = first(raw);
  if (value === undefined) return null;
  if (typeof value !== 'string' && value.length > 0 && value.length <= 15) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = value[i]! - 48;
      if (digit < 0 || digit > 9) throw new MalformedMessageError(`${name} is not an integer`);
      n = n * 10 + digit;
    }
    return BigInt(n);
  }
  const digits = text(value)!;
  if (!/^\d+$/.test(digits)) throw new MalformedMessageError(`${name} is not an integer`);
  return BigInt(digits);
};

const required = <T>(
  read: (raw: RawHeader, name: string) => T | null,
  headers: RawHeaders,
  name: string,
): T => {
  const value = read(headers[name], name);
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
    data = JSON.parse(message.value === null ? 'null' : message.value.toString());
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`);
  }
  // an invalid time would fail every write of it, and its parking too (the dead letter holds it)
  const recordedAt = new Date(required(text, headers, TIME));
  if (Number.isNaN(recordedAt.getTime())) throw new MalformedMessageError(`${TIME} is not a time`);
  return {
    id: required(text, headers, ID),
    type: required(text, headers, TYPE),
    source: required(text, headers, SOURCE),
    streamId: required(text, headers, SUBJECT),
    streamVersion: required(integer, headers, STREAM_VERSION),
    globalPosition: required(integer, headers, GLOBAL_POSITION),
    transactionId: integer(headers[TRANSACTION_ID], TRANSACTION_ID),
    effectiveOn: text(headers[EFFECTIVE_ON]),
    recordedAt,
    data,
    hash: required(text, headers, HASH),
  };
};
