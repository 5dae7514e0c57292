/**
 * True for what a broker answers while it, or a topic, is still coming up: kafkajs marks such errors
 * `retriable` (UNKNOWN_TOPIC_OR_PARTITION while another process creates the topic, LEADER_NOT_AVAILABLE,
 * a refused connection), possibly wrapped in KafkaJSNumberOfRetriesExceeded once its own retries ran out.
 */
export const isRetriableKafkaError = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && !seen.has(current); ) {
    seen.add(current);
    const e = current as { name?: unknown; retriable?: unknown; originalError?: unknown; cause?: unknown };
    if (e.retriable === true) return true;
    if (e.name === 'KafkaJSNumberOfRetriesExceeded' || e.name === 'KafkaJSConnectionError') return true;
    current = e.originalError ?? e.cause;
  }
  return false;
};

export type RetryAtStartOptions = {
  /** What is being started, for the log and the health detail (`joining group coe.x`). */
  what: string;
  /** Set while waiting (`waiting for Kafka: …`), cleared with null once started. */
  onWaiting: (detail: string | null) => void;
  /** Checked before each attempt: stop trying when the process shuts down. */
  stopped: () => boolean;
  log?: (message: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, waiting with exponential backoff (and jitter, so instances started
 * together do not retry in step) after each retriable broker error; any other error is thrown. Resolves
 * undefined if stopped before succeeding.
 */
export const retryAtStart = async <T>(
  attempt: () => Promise<T>,
  options: RetryAtStartOptions,
): Promise<T | undefined> => {
  const initial = options.initialDelayMs ?? 250;
  const max = options.maxDelayMs ?? 5000;
  for (let failures = 0; !options.stopped(); failures += 1) {
    try {
      const result = await attempt();
      options.onWaiting(null);
      return result;
    } catch (error) {
      if (!isRetriableKafkaError(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const delay = Math.min(max, initial * 2 ** failures) * (0.75 + Math.random() / 2);
      options.onWaiting(`waiting for Kafka (${options.what}): ${message}`);
      options.log?.(`${options.what}: ${message}; retrying in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }
  return undefined;
};
