import type { AttachedDocument } from '@coe/contracts';
import { MouError } from './mou.errors';

/** What a document attached to an MOU's event is. */
export const MOU_DOCUMENT_KINDS = ['signed-mou', 'note-verbale', 'other'] as const;
export type MouDocumentKind = (typeof MOU_DOCUMENT_KINDS)[number];

/** A document a command names: uploaded first (`POST /v1/documents`), then attached by its hash. */
export type DocumentAttachment = { sha256: string; title: string; kind: MouDocumentKind };

/** What the document store holds of a hash; the handler looks the named hashes up before deciding. */
export type StoredDocument = { sha256: string; mediaType: string; size: number };

/** The documents part of a command: those it names, and those of them the store holds. */
export type Documented = { documents?: DocumentAttachment[]; storedDocuments?: StoredDocument[] };

/**
 * The documents to record in the event, in the order named, each with the media type and size stored
 * under its hash; a hash the store does not hold is refused, so an event never names missing bytes.
 * `{}` when the command names none, so the event's data keeps its former shape.
 */
export const attachedDocuments = ({
  documents = [],
  storedDocuments = [],
}: Documented): { documents?: AttachedDocument[] } => {
  if (documents.length === 0) return {};
  const stored = new Map(storedDocuments.map((document) => [document.sha256, document]));
  const missing = documents.filter((document) => !stored.has(document.sha256)).map((d) => d.sha256);
  if (missing.length > 0) {
    throw new MouError(
      'DOCUMENT_NOT_FOUND',
      `No document was uploaded with the hash ${missing.join(', ')}; upload it first (POST /v1/documents).`,
      { missing },
    );
  }
  return {
    documents: documents.map(({ sha256, title, kind }) => {
      const { mediaType, size } = stored.get(sha256)!;
      return { sha256, title, kind, mediaType, size };
    }),
  };
};

/** The documents an event of this service names. */
export const documentsOf = (data: unknown): AttachedDocument[] =>
  (data as { documents?: AttachedDocument[] }).documents ?? [];
