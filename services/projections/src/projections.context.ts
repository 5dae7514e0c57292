import type { PlatformConfig } from '@coe/platform';
import type { ProjectionsConfig } from './config';
import type { ProjectionConsumers } from './projection/projection.consumers';
import type { ProjectionVersions } from './projection/projection.versions';

/** What every part of the service shares: its schema, the version pointers, the rebuild consumers. */
export class ProjectionsContext {
  constructor(
    readonly schema: string,
    readonly versions: ProjectionVersions,
    readonly consumers: ProjectionConsumers,
    readonly platform: PlatformConfig,
    readonly config: ProjectionsConfig,
  ) {}
}
