import { DomainError } from '@coe/platform';
import type { ProjectionEngineErrorCode } from '@coe/projection-engine';

/** The reports' own codes; the routes also answer the projection engine's. */
export type ReportsErrorCode = 'INVALID_INSTANT_RANGE' | 'INVALID_MONTH_RANGE';
export type ProjectionsErrorCode = ReportsErrorCode | ProjectionEngineErrorCode;

export class ProjectionsError extends DomainError<ReportsErrorCode> {}
