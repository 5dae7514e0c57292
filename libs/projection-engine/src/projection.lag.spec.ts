import type { EventStore, StoredEvent } from '@coe/event-store';
import type { Pool } from 'pg';
import { inProcessLag } from './projection.lag';

const event = (position: number, recordedAt: Date): StoredEvent =>
  ({
    eventId: `e-${position}`,
    globalPosition: BigInt(position),
    transactionId: 1n,
    recordedAt,
  }) as StoredEvent;

describe('in-process lag', () => {
  const now = Date.now();
  const checkpoints = [{ topic: 'reimbursement', partition: 0, transaction_id: '1', global_position: '7' }];
  // answers the position query (consumer, topic, partition) from the rows above
  const pool = {
    query: async (_sql: string, [, topic, partition]: unknown[]) => ({
      rows: checkpoints.filter((c) => c.topic === topic && c.partition === partition),
    }),
  } as unknown as Pool;
  const asked: unknown[] = [];
  const store = (events: StoredEvent[]) =>
    ({
      readAll: async (options: unknown) => {
        asked.push(options);
        return events;
      },
    }) as unknown as EventStore;

  it('counts the events after the checkpoint of each source, and the age of the oldest', async () => {
    const stores = new Map([
      ['reimbursement', store([event(8, new Date(now - 42_000)), event(9, new Date(now - 1000))])],
      ['mou-negotiation', store([event(3, new Date(now - 5000))])],
    ] as const);
    const lag = await inProcessLag(pool, 'p', stores).lag({
      consumer: 'projections.payables.v1',
      sources: ['reimbursement', 'mou-negotiation'],
      startedAt: new Date(now),
    });
    expect(lag.eventsBehind).toBe(3);
    expect(lag.exact).toBe(true);
    expect(lag.secondsBehind).toBeGreaterThanOrEqual(42);
    expect(lag.secondsBehind).toBeLessThan(45);
    expect(asked).toEqual([
      { after: { transactionId: 1n, globalPosition: 7n }, limit: 10_000 },
      { after: { transactionId: 0n, globalPosition: 0n }, limit: 10_000 },
    ]);
  });

  it('is zero when nothing is left', async () =>
    expect(
      await inProcessLag(pool, 'p', new Map([['reimbursement', store([])]])).lag({
        consumer: 'c',
        sources: ['reimbursement'],
        startedAt: new Date(now),
      }),
    ).toEqual({ eventsBehind: 0, secondsBehind: 0, exact: true }));
});
