import type { Pool } from 'pg';
import { contractProblems } from '@coe/contracts';
import { PostgresEventStore, runMigrations, type EventMetadata } from '@coe/event-store';
import {
  EventPublisher,
  EventRelay,
  messagingMigrations,
  toKafkaRecord,
  type KafkaRecord,
} from '@coe/messaging';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { certifiedClaim } from '../test/reimbursement.fixtures';
import { reimbursementPublished } from './reimbursement.to-contracts';

const metadata: EventMetadata = { actor: { sub: 'officer-a', roles: ['finance-officer'] } };

class CapturingPublisher extends EventPublisher {
  readonly records: KafkaRecord[] = [];
  async publish(_topic: string, records: KafkaRecord[]): Promise<void> {
    this.records.push(...records);
  }
  async close(): Promise<void> {}
}

const decoded = (records: KafkaRecord[]) =>
  records.map((record) => ({ ...record, value: JSON.parse(record.value) as unknown }));

// The service's relay reads its events as text and decodes only those whose entry changes them: what it
// publishes must be what the map gives from the decoded events, record for record.
describe("reimbursement's relay", () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;

  beforeEach(async () => {
    pool = testPool(4);
    schema = randomSchema('rb_relay');
    // an old shape of a type published as stored: the text path must upcast it as readAll does
    store = new PostgresEventStore({
      pool,
      schema,
      upcasters: [
        {
          type: 'AssessmentReceived',
          fromSchemaVersion: 1,
          upcast: (data) => {
            const { amount, ...rest } = data as { amount: string };
            return { ...rest, amountUsd: amount };
          },
        },
      ],
    });
    await store.migrate();
    await runMigrations(pool, schema, messagingMigrations);
  });
  afterEach(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('publishes from the events read as text exactly what its map gives from the decoded events', async () => {
    await store.append(
      'claim-c1',
      [
        { type: 'ClaimPrepared', data: { claimId: 'c1' } },
        {
          type: 'ClaimCertified',
          data: { ...certifiedClaim, certifiedBy: 'officer-a', origin: 'computed' },
          effectiveOn: '2019-05-10',
        },
      ],
      { metadata },
    );
    await store.append(
      'fund-MINUSMA',
      [
        {
          type: 'AssessmentReceived',
          schemaVersion: 1,
          data: { mission: 'MINUSMA', amount: '100000.00', receivedOn: '2019-08-01' },
        },
        {
          type: 'AssessmentReceived',
          schemaVersion: 2,
          data: { mission: 'MINUSMA', amountUsd: '1000.00', receivedOn: '2019-08-02', assessmentRef: 'A/1' },
        },
      ],
      { metadata },
    );
    const expected = (await store.readAll())
      .map(reimbursementPublished)
      .flatMap((event) => (event ? [toKafkaRecord(event)] : []));
    const readAll = jest.spyOn(store, 'readAll');
    const publisher = new CapturingPublisher();
    const relay = new EventRelay({
      name: 'kafka',
      service: 'reimbursement',
      store,
      pool,
      schema,
      publisher,
      topic: 'unused',
      batchSize: 3,
      toIntegrationEvent: reimbursementPublished,
    });

    expect(await relay.drain()).toBe(4);
    expect(readAll).not.toHaveBeenCalled();
    expect(expected.map((record) => record.headers.ce_type)).toEqual([
      'ClaimCertified',
      'AssessmentReceived',
      'AssessmentReceived',
    ]);
    expect(decoded(publisher.records)).toEqual(decoded(expected));
    for (const record of publisher.records)
      expect(contractProblems('reimbursement', record.headers.ce_type!, JSON.parse(record.value))).toEqual(
        [],
      );
  });
});
