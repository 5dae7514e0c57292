import { DomainError } from '@coe/platform';

export type ProjectionsErrorCode =
  | 'INVALID_INSTANT_RANGE'
  | 'INVALID_MONTH_RANGE'
  | 'REBUILD_IN_PROGRESS'
  | 'REBUILD_UNAVAILABLE'
  | 'REPLAY_NOT_FOUND'
  | 'REPLAY_IN_PROGRESS'
  | 'REPLAY_UNAVAILABLE';

export class ProjectionsError extends DomainError<ProjectionsErrorCode> {}
