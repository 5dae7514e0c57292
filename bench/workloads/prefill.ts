import type { BenchStore } from '../stores/bench-store';

export const PREFILL_BATCH = 100;

/**
 * Appends `total` events in 100-event appends to fresh streams, by `writers` concurrent writers. One
 * writer keeps commit order equal to position order, which Emmett's batch reader relies on (it pages by
 * global position but orders by transaction id).
 */
export const prefill = async (store: BenchStore, total: number, writers = 1): Promise<void> => {
  const appends = Math.ceil(total / PREFILL_BATCH);
  let next = 0;
  const writer = async (w: number) => {
    for (let i = next++; i < appends; i = next++) {
      const size = Math.min(PREFILL_BATCH, total - i * PREFILL_BATCH);
      await store.appendBatch(`prefill-${w}-${i}`, size);
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
};

/**
 * Reads everything until the reader sees `expected` events: readers in global order only return events
 * below the oldest transaction still running on the server, so another session's open transaction can
 * hold them back for a while.
 */
export const readUntilComplete = async (
  store: BenchStore,
  expected: number,
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await store.readAll();
    if (count === expected) return;
    if (count > expected) throw new Error(`read ${count} events, expected ${expected}`);
    if (Date.now() > deadline) throw new Error(`only ${count} of ${expected} events became readable`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
