import type {
  ContractEvent,
  ContractEvents,
  ContractType,
  IntegrationEvent,
  PublishingService,
} from '@coe/contracts';
import type { StoredEvent } from '@coe/event-store';
import type { PoolClient } from 'pg';
import type { EventHandler } from './event-handler';
import { fromStoredEvent } from './integration-events';

type DataOf<Stored, T> = Stored extends { type: T; data: infer D } ? D : never;

/**
 * A service's map from its stored events to its published ones (`<service>.to-contracts.ts`): one entry per
 * event of its contract, from the stored data to the published data. A stored event without an entry is
 * private to the service and never leaves it.
 */
export type ToContracts<S extends PublishingService, Stored extends { type: string; data: unknown }> = {
  [T in ContractType<S>]: (data: DataOf<Stored, T>) => ContractEvents[S][T];
};

/**
 * An entry of a to-contracts map whose stored event is its contract event, data and all: a relay then
 * passes the stored JSON on as PostgreSQL wrote it, without decoding and re-encoding it.
 */
export const asStored = <Data>(data: Data): Data => data;

/** How a published type's data leaves the service: as stored, or through its entry from the decoded data. */
export type ContractData = 'as-stored' | ((data: unknown) => unknown);

/**
 * The relay's hook (`toIntegrationEvent`): the published event of a stored one, or null to keep it inside.
 * `contractData`, when given, says the same per type (a type without one is private), so a relay can read
 * events as text and decode only those whose entry changes them.
 */
export type PublishedEventOf = ((event: StoredEvent) => IntegrationEvent | null) & {
  readonly contractData?: ReadonlyMap<string, ContractData>;
};

export const publishedBy = <S extends PublishingService, Stored extends { type: string; data: unknown }>(
  service: S,
  map: ToContracts<S, Stored>,
): PublishedEventOf => {
  const entries: Record<string, (data: never) => unknown> = map;
  const published = (event: StoredEvent): IntegrationEvent | null => {
    const toContract = Object.hasOwn(entries, event.type) ? entries[event.type] : undefined;
    if (!toContract) return null;
    // the store's type tag says which stored data this is: the one place that trusts it
    return { ...fromStoredEvent(event, service), data: toContract(event.data as never) };
  };
  const contractData = new Map<string, ContractData>(
    Object.entries(entries).map(([type, toContract]) => [
      type,
      toContract === asStored ? 'as-stored' : (toContract as (data: unknown) => unknown),
    ]),
  );
  return Object.assign(published, { contractData });
};

/**
 * A consumer of one service's contract events, each handler typed by its event: the only place a
 * delivered event is narrowed from its `type`, so consumers never cast.
 */
export const contractHandler = <S extends PublishingService, T extends ContractType<S>>(
  _source: S,
  name: string,
  on: { [K in T]: (event: ContractEvent<S, K>, tx: PoolClient) => Promise<void> },
): EventHandler => {
  const handlers: Record<string, (event: never, tx: PoolClient) => Promise<void>> = on;
  return {
    name,
    eventTypes: Object.keys(on),
    handle: async (event, tx) => {
      const handle = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
      // delivered events of a contract type carry that type's data (the relay published them so)
      if (handle) await handle(event as never, tx);
    },
  };
};

/** Whether a delivered event is `service`'s contract event `type`: then its data is that type's. */
export const isContractEvent = <S extends PublishingService, T extends ContractType<S>>(
  _source: S,
  type: T,
  event: IntegrationEvent,
): event is ContractEvent<S, T> => event.type === type;

/** The events of a batch that are `service`'s contract event `type`, in delivery order, typed by it. */
export const contractEventsOf = <S extends PublishingService, T extends ContractType<S>>(
  source: S,
  type: T,
  events: readonly IntegrationEvent[],
): ContractEvent<S, T>[] => events.filter((event) => isContractEvent(source, type, event));
