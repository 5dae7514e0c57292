import { DomainError } from '@coe/platform';

export type ProjectionsErrorCode = 'INVALID_MONTH_RANGE' | 'REBUILD_IN_PROGRESS' | 'REBUILD_UNAVAILABLE';

export class ProjectionsError extends DomainError<ProjectionsErrorCode> {}
