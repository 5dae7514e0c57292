import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

export const testBrokers = (): string[] => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run integration tests through jest (global setup)');
  return brokers.split(',');
};

export const randomTopic = (prefix = 'test'): string => `${prefix}.${randomBytes(6).toString('hex')}.events`;

export type ReadMessage = KafkaMessage & { partition: number; headersText: Record<string, string> };

/** Reads a topic from the beginning with a throwaway group until `count` messages arrived or time ran out. */
export const readTopic = async (
  brokers: string[],
  topic: string,
  count: number,
  timeoutMs = 30_000,
  /** `distinct ids`: until `count` different ce_id have arrived (a relay may publish an event twice). */
  counting: 'messages' | 'distinct ids' = 'messages',
): Promise<ReadMessage[]> => {
  const kafka = new Kafka({ brokers, clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(6).toString('hex')}` });
  const messages: ReadMessage[] = [];
  const ids = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done: () => void = () => undefined;
  const enough = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headersText = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
      );
      messages.push({ ...message, partition, headersText });
      ids.add(headersText.ce_id ?? '');
      if ((counting === 'messages' ? messages.length : ids.size) >= count) done();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([enough, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  await consumer.disconnect();
  return messages;
};

/** This process's open connections to the test broker: what would keep Jest from exiting after the run. */
export const openBrokerSockets = (): Socket[] => {
  const ports = new Set(testBrokers().map((broker) => Number(broker.split(':').at(-1))));
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (h): h is Socket => h instanceof Socket && !h.destroyed && ports.has(h.remotePort ?? -1),
  );
};

/** Waits up to `timeoutMs` for every connection to the test broker to close; returns those still open. */
export const brokerSocketsAfter = async (timeoutMs = 5000): Promise<Socket[]> => {
  const deadline = Date.now() + timeoutMs;
  while (openBrokerSockets().length > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return openBrokerSockets();
};
