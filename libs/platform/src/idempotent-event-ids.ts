import { createHash, randomUUID } from 'node:crypto';

// The namespace of this API's name-based UUIDs; fixed forever, or a retried request gets new ids.
const COE_NAMESPACE = '6f1c2b7e-9d4a-4c5e-8b3f-0a1d2e4c6b8a';

/** An RFC 9562 version 5 UUID (SHA-1, name-based) of `name`, by default in this API's namespace. */
export const nameBasedUuid = (name: string, namespace: string = COE_NAMESPACE): string => {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Event id number `index` (0, 1, ...) of a command. */
export type EventIdSource = (index: number) => string;

/**
 * Deterministic event ids for a request sent with an Idempotency-Key: the same key, user and route
 * always give the same ids, so a retry that reaches the event store after a crash appends nothing new
 * (event ids are unique there). `route` is e.g. `POST /v1/mous`.
 */
export const idempotentEventIds =
  (key: string, sub: string, route: string): EventIdSource =>
  (index: number): string =>
    nameBasedUuid(JSON.stringify(['coe-event', sub, route, key, index]));

/** Random ids, one per index and stable for the life of the source: for requests without a key. */
export const randomEventIds = (): EventIdSource => {
  const ids = new Map<number, string>();
  return (index) => {
    let id = ids.get(index);
    if (id === undefined) ids.set(index, (id = randomUUID()));
    return id;
  };
};
