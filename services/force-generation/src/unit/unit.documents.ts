import type { AttachedDocument } from '@coe/contracts';
import { type Documented, documentsField } from '@coe/platform';
import { UnitError } from './unit.errors';

/** What a document attached to a unit's inspection is. */
export const UNIT_DOCUMENT_KINDS = ['inspection-report', 'other'] as const;
export type UnitDocumentKind = (typeof UNIT_DOCUMENT_KINDS)[number];

/** The `documents` of an inspection's event (e.g. its signed report); a hash nobody uploaded is refused. */
export const attachedDocuments = (command: Documented): { documents?: AttachedDocument[] } =>
  documentsField(command, (message, missing) => {
    throw new UnitError('DOCUMENT_NOT_UPLOADED', message, { missing });
  });
