import { setVersion } from '@coe/platform';
import type { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { GetPayableRecordQuery } from './payable-record.queries';
import type { PayableRecordKind, PayableRecordView } from './payable-record.read-model';
import type { PayableRecordWritten } from './payable-record.write';

/** Where each kind's records are read: `Location` of a new one. */
const ROUTE: Record<PayableRecordKind, string> = {
  'letter-of-assist': '/v1/letters-of-assist',
  'death-and-disability': '/v1/death-and-disability-cases',
  'hostile-action': '/v1/hostile-action-incidents',
};

/**
 * The answer of every write on a payable record: the record as read back, its version as the ETag and,
 * when the request recorded a new one, 201 with its Location.
 */
export const answerPayableRecord = (
  queries: QueryBus,
  kind: PayableRecordKind,
  written: PayableRecordWritten,
  res: Response,
): Promise<PayableRecordView> => {
  setVersion(res, written.streamVersion);
  if (written.created) res.status(201).location(`${ROUTE[kind]}/${written.id}`);
  return queries.execute(new GetPayableRecordQuery(kind, written.id));
};
