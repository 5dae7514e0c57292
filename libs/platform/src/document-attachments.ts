import type { DocumentStore } from './document.store';

/** A document a command names: uploaded first (`POST /v1/documents`), then attached by its hash. */
export type DocumentAttachment<Kind extends string = string> = { sha256: string; title: string; kind: Kind };

/** A document as an event records it: what the command named, and what is stored under the hash. */
export type AttachedDocumentData = DocumentAttachment & { mediaType: string; size: number };

/**
 * The documents part of a command: those it names, and those of them the store holds, which the
 * handler looks up ({@link withStoredDocuments}) so that the decider can decide without I/O.
 */
export type Documented<Kind extends string = string> = {
  documents?: DocumentAttachment<Kind>[];
  storedDocuments?: StoredDocumentInfo[];
};

/** What the document store holds under a hash, as a decider needs it. */
export type StoredDocumentInfo = { sha256: string; mediaType: string; size: number };

/**
 * The documents to record in an event, in the order named, each with the media type and size stored
 * under its hash, and the hashes the store does not hold (which the decider refuses, so an event never
 * names missing bytes).
 */
export const attachDocuments = ({
  documents = [],
  storedDocuments = [],
}: Documented): { attached: AttachedDocumentData[]; missing: string[] } => {
  const stored = new Map(storedDocuments.map((document) => [document.sha256, document]));
  const missing = documents.filter((document) => !stored.has(document.sha256)).map((d) => d.sha256);
  const attached = documents.flatMap(({ sha256, title, kind }) => {
    const found = stored.get(sha256);
    return found === undefined ? [] : [{ sha256, title, kind, mediaType: found.mediaType, size: found.size }];
  });
  return { attached, missing };
};

/**
 * The `documents` field of the event a command records: `{}` when it names none (the event keeps the
 * shape it had before documents existed), else every one with what is stored under its hash. A hash
 * nobody uploaded goes to `refuse`, which throws the service's own error.
 */
export const documentsField = (
  command: Documented,
  refuse: (message: string, missing: string[]) => never,
): { documents?: AttachedDocumentData[] } => {
  const { attached, missing } = attachDocuments(command);
  if (missing.length > 0) {
    refuse(
      `No document was uploaded with the hash ${missing.join(', ')}; upload it first (POST /v1/documents).`,
      missing,
    );
  }
  return attached.length === 0 ? {} : { documents: attached };
};

/** The documents an event's data names (none for events recorded before documents existed). */
export const documentsOf = (data: unknown): AttachedDocumentData[] =>
  (data as { documents?: AttachedDocumentData[] }).documents ?? [];

/** The command's data with what the store holds of the documents it names, for its decider. */
export const withStoredDocuments = async <Data extends object>(
  store: DocumentStore,
  data: Data,
): Promise<Data> => {
  const { documents } = data as Documented;
  if (documents === undefined || documents.length === 0) return data;
  const stored = await store.describe(documents.map((document) => document.sha256));
  return { ...data, storedDocuments: [...stored.values()] };
};
