import { DomainError } from '@coe/platform';

export type SurErrorCode =
  | 'SUR_NOT_FOUND'
  | 'SUR_ALREADY_ISSUED'
  | 'SUR_DATE_OUT_OF_ORDER'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_ITEM';

export class SurError extends DomainError<SurErrorCode> {}
