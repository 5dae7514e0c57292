import type { HealthRegistry, MetricsRegistry } from '@coe/platform';
import { Gauge } from 'prom-client';
import type { ProjectionConsumers } from './projection.consumers';
import type { ProjectionStatus } from './projection.status';

/**
 * Per read-model version being kept up to date: events and seconds behind its sources, and parked events,
 * computed at each scrape. `/health` fails while any of this service's consumers has a parked event
 * (the messaging runtime checks the consumers it started; this also covers those a rebuild started).
 */
export const monitorProjections = (
  status: ProjectionStatus,
  consumers: ProjectionConsumers,
  metrics: MetricsRegistry,
  health: HealthRegistry,
): void => {
  // prom-client collects the gauges concurrently: they share one computation per scrape
  let scrape: Promise<void> | null = null;
  const refresh = (): Promise<void> =>
    (scrape ??= measure().finally(() => {
      scrape = null;
    }));
  const gauge = (name: string, help: string) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection', 'version', 'status'],
      registers: [metrics],
      collect: refresh,
    });
  const eventsBehind = gauge(
    'coe_projection_events_behind',
    'Events of its sources a read-model version has not applied yet',
  );
  const secondsBehind = gauge(
    'coe_projection_seconds_behind',
    'Age of the oldest event a read-model version has not applied yet (0 when caught up)',
  );
  const parked = gauge(
    'coe_projection_parked_events',
    'Events a read-model version failed on and parked, waiting for an operator',
  );

  const measure = async (): Promise<void> => {
    const projections = await status.list({ checksums: false });
    for (const g of [eventsBehind, secondsBehind, parked]) g.reset();
    for (const projection of projections) {
      for (const version of projection.versions) {
        if (version.status !== 'active' && version.status !== 'building') continue;
        const labels = {
          projection: projection.projection,
          version: String(version.version),
          status: version.status,
        };
        parked.set(labels, version.parked);
        if (!version.lag) continue;
        eventsBehind.set(labels, version.lag.eventsBehind);
        secondsBehind.set(labels, version.lag.secondsBehind);
      }
    }
  };

  health.register('projections', async () => {
    const problems = [
      ...(await status.parked()).map((p) => `${p.consumer}: ${p.n} parked event(s)`),
      ...(await consumers.problems()),
    ];
    return problems.length === 0 ? { ok: true } : { ok: false, detail: [...new Set(problems)].join('; ') };
  });
};
