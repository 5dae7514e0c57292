import type { EventHandler } from '@coe/messaging';
import { consumerName, type ProjectionDefinition, versionTables } from './projection.definition';

/**
 * The consumer of one version of a read model. It writes only while its version is building or active:
 * once retired (a rebuild switched to a newer one), it records events as processed and leaves its frozen
 * tables alone, so they can be dropped by the next rebuild.
 */
export const projectionHandler = (
  schema: string,
  definition: ProjectionDefinition,
  version: number,
): EventHandler => {
  const tables = versionTables(schema, definition, version);
  let retired = false;
  return {
    name: consumerName(definition.name, version),
    eventTypes: definition.eventTypes,
    handle: async (event, tx) => {
      if (retired) return;
      const { rows } = await tx.query<{ status: string }>(
        `select status from ${schema}.projection_versions where projection = $1 and version = $2`,
        [definition.name, version],
      );
      const status = rows[0]?.status;
      if (status !== 'active' && status !== 'building') {
        retired = true; // retired and dropped never come back
        return;
      }
      await definition.apply(event, tx, tables);
      await tx.query(
        `insert into ${schema}.projection_progress (consumer, source, last_global_position, last_recorded_at)
         values ($1, $2, $3, $4)
         on conflict (consumer, source) do update
           set last_global_position = excluded.last_global_position, last_recorded_at = excluded.last_recorded_at`,
        [
          consumerName(definition.name, version),
          event.source,
          event.globalPosition.toString(),
          event.recordedAt,
        ],
      );
    },
  };
};
