import type { PlatformConfig } from '@coe/platform';
import type { ProjectionsConfig } from './config';
import {
  type ProjectionConsumers,
  ProjectionEngineContext,
  type ProjectionVersions,
} from '@coe/projection-engine';
import { PROJECTIONS } from './projection/projection.registry';

/** What every part of the service shares: the engine's context over this service's read models, and its settings. */
export class ProjectionsContext extends ProjectionEngineContext {
  constructor(
    schema: string,
    versions: ProjectionVersions,
    consumers: ProjectionConsumers,
    platform: PlatformConfig,
    override readonly config: ProjectionsConfig,
  ) {
    super(schema, versions, consumers, platform, config, PROJECTIONS);
  }
}
