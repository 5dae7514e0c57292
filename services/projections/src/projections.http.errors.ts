import { HttpStatus } from '@nestjs/common';
import { problemFilterFor } from '@coe/platform';
import type { ProjectionsErrorCode } from './projections.errors';

const statusByCode = {
  INVALID_INSTANT_RANGE: HttpStatus.BAD_REQUEST,
  INVALID_MONTH_RANGE: HttpStatus.BAD_REQUEST,
  REBUILD_IN_PROGRESS: HttpStatus.CONFLICT,
  REBUILD_UNAVAILABLE: HttpStatus.CONFLICT,
  REPLAY_NOT_FOUND: HttpStatus.NOT_FOUND,
  REPLAY_IN_PROGRESS: HttpStatus.CONFLICT,
  REPLAY_UNAVAILABLE: HttpStatus.CONFLICT,
} satisfies Record<ProjectionsErrorCode, HttpStatus>;

export const ProjectionsProblemFilter = problemFilterFor(statusByCode);
