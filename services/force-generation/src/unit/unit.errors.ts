import { DomainError } from '@coe/platform';

export type UnitErrorCode =
  | 'UNIT_NOT_FOUND'
  | 'UNIT_ALREADY_EXISTS'
  | 'UNIT_ALREADY_DEPLOYED'
  | 'UNIT_NOT_DEPLOYED'
  | 'UNIT_REPATRIATED'
  | 'UNIT_NOT_REPATRIATED'
  | 'UNIT_ARRIVAL_INSPECTION_ALREADY_RECORDED'
  | 'UNIT_REPATRIATION_INSPECTION_ALREADY_RECORDED'
  | 'UNIT_DATE_OUT_OF_ORDER'
  | 'DOCUMENT_NOT_FOUND';

export class UnitError extends DomainError<UnitErrorCode> {}
