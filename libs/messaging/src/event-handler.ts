import type { IntegrationEvent } from '@coe/contracts';
import type { PoolClient } from 'pg';

/**
 * A consumer of integration events: a projection or a policy. `handle` must do all its writes through `tx`,
 * the transaction that also moves the consumer's position past the event, so each event has its effect once.
 */
export type EventHandler = {
  /** Stable name: the consumer group suffix and the key of its bookkeeping rows. */
  name: string;
  /** Event types it handles; others only move the position, without calling `handle`. */
  eventTypes?: readonly string[];
  handle: (event: IntegrationEvent, tx: PoolClient) => Promise<void>;
  /**
   * When present, called instead of `handle` with the events of a batch that are new to this consumer and
   * of a handled type, in delivery order (never empty); the result must equal calling `handle` on each in
   * turn. A failing batch is retried one event at a time, so a bad event is parked alone.
   */
  handleBatch?: (events: readonly IntegrationEvent[], tx: PoolClient) => Promise<void>;
};
