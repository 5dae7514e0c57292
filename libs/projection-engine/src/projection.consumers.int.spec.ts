import { randomBytes } from 'node:crypto';
import { topicFor } from '@coe/contracts';
import { createKafka, ensureTopics, type MessagingRuntime } from '@coe/messaging';
import { parseConfig } from '@coe/platform';
import type { Pool } from 'pg';
import { testPool } from '../../../test/support/database';
import { brokerSocketsAfter, openBrokerSockets, testBrokers } from '../../../test/support/kafka';
import { ProjectionConsumers } from './projection.consumers';

// Issue 17: `npm test` with a broker already running hung after every test had passed, the process
// holding connections to the broker. A rebuild or replay check still running at shutdown asked for the
// Kafka lag after stopAll had closed the admin, and so connected a new one that nobody closed.

describe('ProjectionConsumers on Kafka', () => {
  let pool: Pool;
  beforeAll(() => (pool = testPool(1)));
  afterAll(() => pool.end());

  it('opens no connection to the broker once stopped, so nothing keeps the process alive', async () => {
    const prefix = `pc${randomBytes(4).toString('hex')}`;
    const kafka = createKafka({ brokers: testBrokers(), clientId: 'projection-consumers-test' });
    await ensureTopics(kafka, [topicFor(prefix, 'reimbursement')], 1);
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'projection-consumers-test-secret-0123',
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
      },
      { defaultPort: 0 },
    );
    // the runtime only says which transport this process uses
    const runtime = { transport: 'kafka', storesInProcess: () => [] } as unknown as MessagingRuntime;
    const consumers = new ProjectionConsumers(runtime, pool, 'unused', config);
    const question = { consumer: 'payables-v9', sources: ['reimbursement'] as const, startedAt: new Date() };

    expect(await consumers.lag(question)).toEqual({ eventsBehind: 0, secondsBehind: 0, exact: true });
    expect(openBrokerSockets().length).toBeGreaterThan(0);
    await consumers.stopAll();
    // a check pass that was still running when the app shut down
    await expect(consumers.lag(question)).rejects.toThrow('stopping');

    expect(await brokerSocketsAfter()).toEqual([]);
  });
});
