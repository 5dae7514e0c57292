import type { IntegrationEvent } from '@coe/contracts';
import type { EventHandler } from '@coe/messaging';
import type { PoolClient } from 'pg';
import { consumerName, type ProjectionDefinition, versionTables } from './projection.definition';

/** Whether a version in this status has its tables filled; retired and dropped never come back. */
export const writes = (status: string | undefined): boolean =>
  status === 'active' || status === 'building' || status === 'replay';

/**
 * The consumer of one version of a read model. It writes only while its version is building or active:
 * once retired (a rebuild switched to a newer one), it moves its position past events and leaves its frozen
 * tables alone, so they can be dropped by the next rebuild. A single event is a batch of one.
 */
export const projectionHandler = (
  schema: string,
  definition: ProjectionDefinition,
  version: number,
): EventHandler => {
  const tables = versionTables(schema, definition, version);
  const consumer = consumerName(definition.name, version);
  let retired = false;
  const handleBatch = async (events: readonly IntegrationEvent[], tx: PoolClient) => {
    if (retired) return;
    const { rows } = await tx.query<{ status: string }>(
      `select status from ${schema}.projection_versions where projection = $1 and version = $2`,
      [definition.name, version],
    );
    if (!writes(rows[0]?.status)) {
      retired = true;
      return;
    }
    await definition.apply(events, tx, tables);
    const lastBySource = new Map(events.map((event) => [event.source, event]));
    for (const last of lastBySource.values())
      await tx.query(
        `insert into ${schema}.projection_progress (consumer, source, last_global_position, last_recorded_at)
         values ($1, $2, $3, $4)
         on conflict (consumer, source) do update
           set last_global_position = excluded.last_global_position, last_recorded_at = excluded.last_recorded_at`,
        [consumer, last.source, last.globalPosition.toString(), last.recordedAt],
      );
  };
  return {
    name: consumer,
    eventTypes: definition.eventTypes,
    handle: (event, tx) => handleBatch([event], tx),
    handleBatch,
  };
};
