import type { AttachedDocument } from '@coe/contracts';
import { type Documented, attachDocuments } from '@coe/platform';
import { MouError } from './mou.errors';

/** What a document attached to an MOU's event is. */
export const MOU_DOCUMENT_KINDS = ['signed-mou', 'note-verbale', 'other'] as const;
export type MouDocumentKind = (typeof MOU_DOCUMENT_KINDS)[number];

export type MouDocumented = Documented<MouDocumentKind>;

/**
 * The `documents` of the event a command records, by hash with the stored media type and size; a hash
 * nobody uploaded is refused. `{}` when the command names none, so the event keeps its former shape.
 */
export const attachedDocuments = (command: MouDocumented): { documents?: AttachedDocument[] } => {
  const { attached, missing } = attachDocuments(command);
  if (missing.length > 0) {
    throw new MouError(
      'DOCUMENT_NOT_FOUND',
      `No document was uploaded with the hash ${missing.join(', ')}; upload it first (POST /v1/documents).`,
      { missing },
    );
  }
  return attached.length === 0 ? {} : { documents: attached };
};
