import { idempotentEventIds, nameBasedUuid, randomEventIds } from './idempotent-event-ids';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotentEventIds', () => {
  it('gives the same version 5 UUIDs for the same key, user and route', () => {
    const first = idempotentEventIds('k-1', 'ada', 'POST /v1/mous');
    const again = idempotentEventIds('k-1', 'ada', 'POST /v1/mous');
    expect(first(0)).toMatch(UUID_V5);
    expect([first(0), first(1)]).toEqual([again(0), again(1)]);
    expect(first(0)).not.toBe(first(1));
  });

  it('gives other ids for another key, user or route', () => {
    const id = idempotentEventIds('k-1', 'ada', 'POST /v1/mous')(0);
    expect(idempotentEventIds('k-2', 'ada', 'POST /v1/mous')(0)).not.toBe(id);
    expect(idempotentEventIds('k-1', 'bob', 'POST /v1/mous')(0)).not.toBe(id);
    expect(idempotentEventIds('k-1', 'ada', 'POST /v1/claims')(0)).not.toBe(id);
  });

  it('cannot be confused by separators inside the parts', () =>
    expect(idempotentEventIds('a b', 'c', 'd')(0)).not.toBe(idempotentEventIds('a', 'b c', 'd')(0)));

  it('computes version 5 UUIDs as RFC 9562 does (its DNS namespace example)', () =>
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    ));
});

describe('randomEventIds', () => {
  it('gives one stable random id per index', () => {
    const ids = randomEventIds();
    expect(ids(0)).toBe(ids(0));
    expect(ids(0)).not.toBe(ids(1));
    expect(randomEventIds()(0)).not.toBe(ids(0));
  });
});
