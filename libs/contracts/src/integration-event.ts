/**
 * An event as every consumer receives it, whether it came through Kafka or in-process: the public shape of
 * a fact, independent of how the owning service stores it.
 */
export type IntegrationEvent<Type extends string = string, Data = unknown> = {
  /** Event id (UUID); the same on every redelivery. */
  id: string;
  type: Type;
  /** `/coe/<service>` */
  source: string;
  /** The stream id, also the Kafka key. */
  streamId: string;
  streamVersion: bigint;
  globalPosition: bigint;
  /**
   * The PostgreSQL transaction that recorded it. (transactionId, globalPosition) is the order the relay
   * publishes a store's events in, so a consumer knows a republished event by it; null on messages
   * published before the header existed.
   */
  transactionId: bigint | null;
  /** Business date, when the fact has one. */
  effectiveOn: string | null;
  recordedAt: Date;
  data: Data;
  hash: string;
};
