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
  type OidcConfig,
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
  SESSION_OPTIONS,
} from './database';
export { runningEmbeddedDatabase } from './embedded-database';
export { type HealthCheck, type HealthCheckResult, HealthRegistry, type HealthReport } from './health';
export { MetricsRegistry } from './metrics';
export { isConsoleNavigation, serveConsole } from './console-static';
export {
  DEV_SIGN_IN_TTL,
  DevSignInController,
  type DevSignInResponse,
  devSignInEnabled,
} from './dev-sign-in';
export { OidcSignInController, type OidcSignInResponse } from './oidc-sign-in';
export { API_TAGS, type ApiTagName } from './api-tags';
export { BEARER_SCHEME, type OpenApiOptions, setupOpenApi } from './openapi';
export { openApiGaps } from './openapi.gaps';
export {
  ApiChanged,
  ApiExport,
  ApiCreated,
  ApiProblem,
  ApiRead,
  ApiWrite,
  CONTRIBUTOR_SCOPE_NOTE,
  ERROR_CODES_EXTENSION,
  type ProblemCodes,
} from './api-operations';
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
export {
  ErrorStatusRegistry,
  ProblemFilter,
  declaredErrorStatuses,
  problemFilterFor,
} from './problem.filter';
export { createValidationPipe } from './validation.pipe';
export { assertSameContributor, contributorScope } from './contributor-scope';
export {
  type CsvColumn,
  type CsvErrorCode,
  type CsvImport,
  CsvImportError,
  type CsvImportSpec,
  type CsvRow,
  CsvBody,
  type ImportRejection,
  type ImportResult,
  ImportResultResponse,
  MALFORMED_ROW,
  type MalformedCsvRow,
  malformedRejections,
  parseCsvImport,
} from './csv-import';
export {
  EventIds,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyInterceptor,
  IdempotencyKey,
  idempotencyKeyOf,
  requestFingerprint,
} from './idempotency.interceptor';
export { PLATFORM_SCHEMA, platformMigrations } from './idempotency.migrations';
export {
  type IdempotencyClaim,
  type IdempotencyScope,
  IdempotencyStore,
  type StoredResponse,
} from './idempotency.store';
export {
  type EventIdSource,
  idempotentEventIds,
  nameBasedUuid,
  randomEventIds,
} from './idempotent-event-ids';
export { IfMatch, type IfMatchOptions, parseIfMatch, setVersion, versionEtag } from './if-match';
export { JwtAuthGuard, actorForRoute } from './jwt-auth.guard';
export { DEV_JWT_SECRET_FILE, devJwtSecretPath, readOrCreateDevJwtSecret } from './jwt-keys';
export {
  AUTH_REALM,
  type AuthErrorCode,
  JwtVerifier,
  type JwtVerifierOptions,
  type VerifiedToken,
} from './jwt-verifier';
export {
  Decimal,
  formatUsd,
  minMoney,
  Money,
  money,
  parseUsd,
  roundToCent,
  sum,
  sumUsd,
  usd,
  ZERO,
} from './money';
export { PLATFORM_STATUS_BY_CODE, type PlatformErrorCode } from './platform.errors';
export { ROLES, ROLES_METADATA, type Role, Roles, isRole } from './roles';
export {
  type RouteRoles,
  RouteRolesAudit,
  collectRouteRoles,
  documentRouteRoles,
  routeRoleTable,
} from './route-roles';
export {
  IsBusinessDate,
  IsIso3,
  IsMissionCode,
  IsMoneyAmount,
  IsPeriod,
  IsRfc3339Instant,
  isBusinessDate,
  isCalendarDate,
  isIso3,
  isMissionCode,
  isMoneyAmount,
  isPeriod,
  isRfc3339Instant,
  utcToday,
} from './validators';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportTable,
  IsExportFormat,
  csvCell,
  neutraliseFormula,
  sendTables,
  streamXlsx,
  tableToCsv,
  tablesToXlsx,
} from './tabular-export';
export { type TokenClaims, signToken } from './token-signer';
export { type WriteContext, type WithoutToday, Write, commandOptions, newAggregateId } from './write-context';
export { currentCorrelationId } from './request-context';
export { DEFAULT_PAGE_SIZE, type Page, type PageRequest, pageQueryUpTo, pageRequest } from './pagination';
export {
  DOCUMENT_MEDIA_TYPES,
  type DocumentErrorCode,
  type DocumentMediaType,
  checkedMediaType,
  sniffMediaType,
} from './document-content';
export { type DocumentReader, DocumentReaders } from './document.readers';
export {
  type DocumentDescriptor,
  DocumentStore,
  PostgresDocumentStore,
  SHA256_HEX,
  type StoredDocument,
  sha256Of,
} from './document.store';
export { DOCUMENTS_PATH } from './documents.body';
export { DocumentsModule } from './documents.module';
export {
  type AttachedDocumentData,
  type DocumentAttachment,
  type Documented,
  type StoredDocumentInfo,
  attachDocuments,
  documentsField,
  documentsOf,
  withStoredDocuments,
} from './document-attachments';
export { DocumentsField, MAX_DOCUMENTS_PER_EVENT } from './document-attachments.http';
