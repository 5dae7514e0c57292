import { canonicalJson } from './canonical-json';
import { appendContentHasher, contentHash } from './hash';
import { StreamHeads, TransactionHeads } from './stream-heads';

const metadata = {
  actor: { sub: 'clerk-1', roles: ['mou-clerk'] },
  correlationId: 'c-1',
  causationId: 'e-0',
};
const recordedAt = new Date('2019-03-31T10:00:00.123Z');

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes dates as ISO strings and bigints as strings, and refuses non-finite numbers', () => {
    expect(canonicalJson([recordedAt, 12n])).toBe('["2019-03-31T10:00:00.123Z","12"]');
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow('Non-finite');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: [{ q: 2, p: 1 }] })).toBe(canonicalJson({ y: [{ p: 1, q: 2 }], x: 1 }));
  });
});

describe('the content hash of an append', () => {
  const cases = [
    { type: 'MouSigned', schemaVersion: 1, data: { mouId: 'M-1', party: 'un' }, effectiveOn: '2019-01-02' },
    { type: 'Odd "type"', schemaVersion: 3, data: { nested: { b: [1, 'ü'], a: null } }, effectiveOn: null },
    { type: 'Empty', schemaVersion: 1, data: {}, effectiveOn: null },
  ];

  it.each(cases)('is the hash contentHash gives for $type', (event) => {
    const eventId = '5f0c8a43-5f1e-4c49-9f57-6c4f1f0a1b2c';
    const streamId = 'mou-"42"';
    const fast = appendContentHasher(
      streamId,
      recordedAt.toISOString(),
      canonicalJson(metadata),
    )({
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      canonicalData: canonicalJson(event.data),
      effectiveOn: event.effectiveOn,
    });
    expect(fast).toBe(contentHash({ ...event, eventId, streamId, recordedAt, metadata }));
  });
});

describe('stream heads', () => {
  it('forgets the stream least recently appended to beyond its capacity', () => {
    const heads = new StreamHeads(2);
    heads.set('a', { version: 1n, hash: 'ha' });
    heads.set('b', { version: 1n, hash: 'hb' });
    heads.set('a', { version: 2n, hash: 'ha2' });
    heads.set('c', { version: 1n, hash: 'hc' });
    expect([heads.get('a')?.hash, heads.get('b'), heads.get('c')?.hash]).toEqual(['ha2', undefined, 'hc']);
  });

  it('shares what a transaction saw only once it has committed', () => {
    const shared = new StreamHeads();
    const committed = new TransactionHeads(shared);
    committed.set('a', { version: 2n, hash: 'h2' });
    expect(shared.get('a')).toBeUndefined();
    expect(committed.get('a')).toEqual({ version: 2n, hash: 'h2' });
    committed.committed();
    expect(shared.get('a')).toEqual({ version: 2n, hash: 'h2' });

    const rolledBack = new TransactionHeads(shared);
    rolledBack.set('a', { version: 3n, hash: 'h3' });
    expect(shared.get('a')).toEqual({ version: 2n, hash: 'h2' });
  });

  it('forgets a stream in the transaction and in the shared memory', () => {
    const shared = new StreamHeads();
    shared.set('a', { version: 2n, hash: 'h2' });
    const tx = new TransactionHeads(shared);
    tx.forget('a');
    expect([tx.get('a'), shared.get('a')]).toEqual([undefined, undefined]);
  });
});
