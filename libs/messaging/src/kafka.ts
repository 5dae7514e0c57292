import { Kafka, logLevel, Partitioners, type Admin, type ITopicConfig, type Producer } from 'kafkajs';

export type KafkaSettings = {
  brokers: string[];
  clientId: string;
  /** Partitions of topics created at start (CONTRACT.md section 6: default 6). */
  partitions?: number;
};

/** kafkajs's client and admin, named here so the rest of the tree never imports kafkajs itself. */
export type KafkaClient = Kafka;
export type KafkaAdmin = Admin;

/** The only place kafkajs is configured; everything else goes through this lib's interfaces. */
export const createKafka = (settings: KafkaSettings): Kafka =>
  new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    // kafkajs logs every retry at ERROR; failures surface through this lib's own errors and health instead
    logLevel: process.env.KAFKAJS_LOG_LEVEL === 'debug' ? logLevel.DEBUG : logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 2000 },
    connectionTimeout: 5000,
  });

/** Idempotent producer: with one request in flight, retries can neither duplicate nor reorder a partition. */
export const createIdempotentProducer = (kafka: Kafka): Producer =>
  kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
  });

/**
 * Creates missing topics with unlimited retention and waits for their leaders, also when another
 * process created them first (its creation may still be in progress: a consumer subscribing then got
 * UNKNOWN_TOPIC_OR_PARTITION). Throws the broker's (retriable) error if they are not ready in time.
 */
export const ensureTopics = async (kafka: Kafka, topics: string[], partitions = 6): Promise<void> => {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing: ITopicConfig[] = topics
      .filter((topic) => !existing.has(topic))
      .map((topic) => ({
        topic,
        numPartitions: partitions,
        configEntries: [{ name: 'retention.ms', value: '-1' }],
      }));
    if (missing.length > 0) {
      try {
        await admin.createTopics({ topics: missing, waitForLeaders: true });
      } catch (error) {
        // another instance created it between listTopics and createTopics
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    await waitForLeaders(admin, topics);
  } finally {
    await admin.disconnect();
  }
};

const LEADERS_TIMEOUT_MS = 30_000;

const waitForLeaders = async (admin: Admin, topics: string[]): Promise<void> => {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const ready = found.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0),
      );
      if (ready && found.length === topics.length) return;
      if (Date.now() > deadline)
        throw Object.assign(new Error(`Kafka: topics without leaders: ${topics.join(', ')}`), {
          retriable: true,
        });
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
