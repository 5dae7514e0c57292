import { serviceSchema } from '@coe/messaging';
import type { PlatformConfig } from '@coe/platform';

export type ForceGenerationModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

export const FORCE_GENERATION_OPTIONS = Symbol('FORCE_GENERATION_OPTIONS');

export const forceGenerationSchema = (options: ForceGenerationModuleOptions): string =>
  serviceSchema('force-generation', options.schemaPrefix);
