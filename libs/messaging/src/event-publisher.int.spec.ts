import {
  brokerSocketsAfter,
  openBrokerSockets,
  randomTopic,
  readTopic,
  testBrokers,
} from '../../../test/support/kafka';
import { KafkaEventPublisher } from './event-publisher';
import { createKafka, ensureTopics } from './kafka';

// Issue 17: `npm test` hung after every test had passed when a broker was already running: relays of
// several stores sharing one publisher, publishing at the same moment, each connected a producer of its
// own, and close() closed only the last one.
describe('KafkaEventPublisher', () => {
  it('connects one producer for concurrent publishes, and close() leaves no connection to the broker', async () => {
    const kafka = createKafka({ brokers: testBrokers(), clientId: 'publisher-test' });
    const topics = [randomTopic('pub'), randomTopic('pub'), randomTopic('pub')];
    await ensureTopics(kafka, topics, 1);
    expect(await brokerSocketsAfter()).toEqual([]);

    const publisher = new KafkaEventPublisher(kafka);
    await Promise.all(
      topics.map((topic, i) =>
        publisher.publish(topic, [{ key: `stream-${i}`, value: `{"n":${i}}`, headers: {} }]),
      ),
    );
    expect(openBrokerSockets().length).toBeGreaterThan(0);
    await publisher.close();
    expect(await brokerSocketsAfter()).toEqual([]);

    const delivered = await Promise.all(topics.map((topic) => readTopic(testBrokers(), topic, 1)));
    expect(delivered.map((messages) => messages.map((m) => m.value?.toString()))).toEqual([
      ['{"n":0}'],
      ['{"n":1}'],
      ['{"n":2}'],
    ]);
  });
});
