export {
  type Actor,
  ANONYMOUS_ACTOR,
  CurrentActor,
  IS_PUBLIC_ROUTE,
  Public,
  actorOf,
  setActor,
} from './actor';
export {
  type BuildHttpAppOptions,
  type CreateHttpAppOptions,
  CSV_BODY_LIMIT,
  JSON_BODY_LIMIT,
  buildHttpApp,
  configureHttpApp,
  createHttpApp,
  createLogger,
  httpAppModule,
  runMain,
} from './bootstrap';
export {
  ConfigError,
  type NodeEnv,
  type ParseConfigOptions,
  type PlatformConfig,
  enabledLogLevels,
  loadConfig,
  parseConfig,
} from './config';
export {
  type DatabaseHandle,
  DatabaseModule,
  type DatabaseModuleOptions,
  InjectPool,
  type OpenDatabaseOptions,
  PG_POOL,
  openDatabase,
} from './database';
export { type HealthCheck, type HealthCheckResult, HealthRegistry, type HealthReport } from './health';
export { MetricsRegistry } from './metrics';
export { BEARER_SCHEME, type OpenApiOptions, setupOpenApi } from './openapi';
export { InjectConfig, PLATFORM_CONFIG, PlatformModule, type PlatformModuleOptions } from './platform.module';
export {
  DomainError,
  type FieldError,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  ProblemException,
  type StatusByCode,
  ValidationProblemException,
  problem,
  toProblem,
} from './problem';
export { ErrorStatusRegistry, ProblemFilter, problemFilterFor } from './problem.filter';
export { createValidationPipe } from './validation.pipe';
