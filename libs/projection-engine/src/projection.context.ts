import type { PlatformConfig } from '@coe/platform';
import type { ProjectionConsumers } from './projection.consumers';
import { definitionNamed, type ProjectionDefinition, type ProjectionName } from './projection.definition';
import type { ProjectionVersions } from './projection.versions';

/** How often a rebuild or replay checks its progress, and how long a caught-up one waits to switch. */
export type ProjectionTiming = { switchCheckMs: number; switchWaitMs: number };

/**
 * What the engine's parts share: the schema, the version pointers, the rebuild consumers, the read
 * models kept (the service that owns them gives the list) and the switch timing.
 */
export class ProjectionEngineContext {
  constructor(
    readonly schema: string,
    readonly versions: ProjectionVersions,
    readonly consumers: ProjectionConsumers,
    readonly platform: PlatformConfig,
    readonly config: ProjectionTiming,
    readonly catalog: readonly ProjectionDefinition[],
  ) {}

  named(name: ProjectionName): ProjectionDefinition {
    return definitionNamed(this.catalog, name);
  }
}
