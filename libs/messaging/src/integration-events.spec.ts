import { HEADERS, type IntegrationEvent } from '@coe/contracts';
import { fromKafkaRecord, MalformedMessageError, toKafkaRecord } from './integration-events';

const event: IntegrationEvent = {
  id: '0b7f3c1e-6a1d-4f43-9a57-3f0d2a9c8e11',
  type: 'ClaimCertified',
  source: '/coe/reimbursement',
  streamId: 'claim-Ü-1',
  streamVersion: 3n,
  globalPosition: 9_007_199_254_740_993n,
  transactionId: 18_446_744_073_709_551_000n,
  effectiveOn: '2019-03-31',
  recordedAt: new Date('2019-04-01T08:30:00.123Z'),
  data: { claimId: 'Ü-1', amountUsd: '1234.56' },
  hash: 'ab'.repeat(32),
};

/** As kafkajs hands a consumed message over: header values and the value as Buffers. */
const consumed = (headers: Record<string, string>, value: string | null = toKafkaRecord(event).value) => ({
  value: value === null ? null : Buffer.from(value),
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
});

describe('Kafka records of integration events', () => {
  const { headers } = toKafkaRecord(event);

  it('reads back exactly the event that was written, UTF-8 and 64-bit positions included', () => {
    expect(fromKafkaRecord(consumed(headers))).toEqual(event);
  });

  it('reads an event without an effective date as null', () => {
    const { [HEADERS.effectiveOn]: _, ...rest } = headers;
    expect(fromKafkaRecord(consumed(rest)).effectiveOn).toBeNull();
  });

  it('reads a message published before coe_transactionid existed with a null transaction id', () => {
    const { [HEADERS.transactionId]: _, ...rest } = headers;
    expect(fromKafkaRecord(consumed(rest))).toEqual({ ...event, transactionId: null });
    expect(toKafkaRecord({ ...event, transactionId: null }).headers).toEqual(rest);
  });

  it('takes the first value of a repeated header and accepts string values', () => {
    const message = consumed(headers);
    const repeated = {
      ...message,
      headers: { ...message.headers, [HEADERS.type]: [Buffer.from('ClaimCertified'), Buffer.from('Other')] },
    };
    expect(fromKafkaRecord(repeated).type).toBe('ClaimCertified');
    expect(fromKafkaRecord({ value: message.value, headers: { ...headers } })).toEqual(event);
  });

  it.each([
    HEADERS.id,
    HEADERS.type,
    HEADERS.source,
    HEADERS.time,
    HEADERS.subject,
    HEADERS.streamVersion,
    HEADERS.globalPosition,
    HEADERS.hash,
  ])('refuses a message without %s, naming it', (name) => {
    const { [name]: _, ...rest } = headers;
    expect(() => fromKafkaRecord(consumed(rest))).toThrow(
      new MalformedMessageError(`missing header ${name}`),
    );
  });

  it('reads positions from 1 to 20 digits exactly, whatever their length', () => {
    for (const position of [1n, 999_999_999_999_999n, 1_000_000_000_000_000n, 18_446_744_073_709_551_615n]) {
      const record = toKafkaRecord({ ...event, globalPosition: position, transactionId: position });
      const read = fromKafkaRecord(consumed(record.headers));
      expect([read.globalPosition, read.transactionId]).toEqual([position, position]);
    }
  });

  it.each(['', '12a', '-1', ' 7', '1.5', '99999999999999999x'])(
    'refuses a position or version that is not a whole number (%j), naming the header',
    (bad) => {
      for (const name of [HEADERS.streamVersion, HEADERS.globalPosition, HEADERS.transactionId]) {
        expect(() => fromKafkaRecord(consumed({ ...headers, [name]: bad }))).toThrow(
          new MalformedMessageError(`${name} is not an integer`),
        );
        expect(() => fromKafkaRecord({ ...consumed(headers), headers: { ...headers, [name]: bad } })).toThrow(
          new MalformedMessageError(`${name} is not an integer`),
        );
      }
    },
  );

  it('refuses a value that is not JSON and a time that is not a time', () => {
    expect(() => fromKafkaRecord(consumed(headers, '{oops'))).toThrow(MalformedMessageError);
    expect(() => fromKafkaRecord(consumed({ ...headers, [HEADERS.time]: 'yesterday' }))).toThrow(
      `${HEADERS.time} is not a time`,
    );
  });
});
