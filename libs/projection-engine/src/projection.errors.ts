import { DomainError } from '@coe/platform';

/** What the projection engine refuses: a second rebuild or replay, a replay that does not exist. */
export type ProjectionEngineErrorCode =
  | 'REBUILD_IN_PROGRESS'
  | 'REBUILD_UNAVAILABLE'
  | 'REPLAY_NOT_FOUND'
  | 'REPLAY_IN_PROGRESS'
  | 'REPLAY_UNAVAILABLE';

export class ProjectionEngineError extends DomainError<ProjectionEngineErrorCode> {}
