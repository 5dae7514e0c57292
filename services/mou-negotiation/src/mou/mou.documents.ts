import type { AttachedDocument } from '@coe/contracts';
import { type Documented, documentsField } from '@coe/platform';
import { MouError } from './mou.errors';

/** What a document attached to an MOU's event is. */
export const MOU_DOCUMENT_KINDS = ['signed-mou', 'note-verbale', 'other'] as const;
export type MouDocumentKind = (typeof MOU_DOCUMENT_KINDS)[number];

export type MouDocumented = Documented<MouDocumentKind>;

/** The `documents` of the event a command records; a hash nobody uploaded is refused. */
export const attachedDocuments = (command: MouDocumented): { documents?: AttachedDocument[] } =>
  documentsField(command, (message, missing) => {
    throw new MouError('DOCUMENT_NOT_UPLOADED', message, { missing });
  });
