import { HttpStatus } from '@nestjs/common';
import { problemFilterFor } from '@coe/platform';
import type { PledgeErrorCode } from './pledge/pledge.errors';
import type { BusinessDateErrorCode } from './shared/business-date';
import type { SurErrorCode } from './sur/sur.errors';
import type { UnitErrorCode } from './unit/unit.errors';

export type ForceGenerationErrorCode = BusinessDateErrorCode | SurErrorCode | PledgeErrorCode | UnitErrorCode;

// 404: the aggregate in the path does not exist; 409: its current state forbids the fact; 422: the
// request contradicts the rules or the dates already recorded.
const statusByCode = {
  BUSINESS_DATE_IN_FUTURE: HttpStatus.BAD_REQUEST,
  SUR_NOT_FOUND: HttpStatus.NOT_FOUND,
  SUR_ALREADY_ISSUED: HttpStatus.CONFLICT,
  SUR_DATE_OUT_OF_ORDER: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_CATEGORY: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_ITEM: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PLEDGE_ALREADY_REGISTERED: HttpStatus.CONFLICT,
  PLEDGE_LIKELY_DUPLICATE: HttpStatus.CONFLICT,
  PLEDGE_WITHDRAWN: HttpStatus.CONFLICT,
  PLEDGE_ALREADY_SELECTED: HttpStatus.CONFLICT,
  PLEDGE_LEVEL_OUT_OF_SEQUENCE: HttpStatus.CONFLICT,
  PLEDGE_AAV_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_RDL_VISIT_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_SUR_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_SUR_NOT_APPLICABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_SUR_NOT_FOUND: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_SUR_UNIT_TYPE_MISMATCH: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_NOT_SELECTABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  PLEDGE_DATE_OUT_OF_ORDER: HttpStatus.UNPROCESSABLE_ENTITY,
  UNIT_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNIT_ALREADY_EXISTS: HttpStatus.CONFLICT,
  UNIT_ALREADY_DEPLOYED: HttpStatus.CONFLICT,
  UNIT_NOT_DEPLOYED: HttpStatus.CONFLICT,
  UNIT_REPATRIATED: HttpStatus.CONFLICT,
  UNIT_NOT_REPATRIATED: HttpStatus.CONFLICT,
  UNIT_ARRIVAL_INSPECTION_ALREADY_RECORDED: HttpStatus.CONFLICT,
  UNIT_REPATRIATION_INSPECTION_ALREADY_RECORDED: HttpStatus.CONFLICT,
  UNIT_DATE_OUT_OF_ORDER: HttpStatus.UNPROCESSABLE_ENTITY,
  DOCUMENT_NOT_UPLOADED: HttpStatus.UNPROCESSABLE_ENTITY,
} satisfies Record<ForceGenerationErrorCode, HttpStatus>;

export const ForceGenerationProblemFilter = problemFilterFor(statusByCode);
