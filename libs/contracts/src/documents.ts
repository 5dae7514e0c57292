/**
 * A document an event names (the signed MOU, a note verbale, a report), stored content-addressed: the
 * SHA-256 of its bytes (lowercase hex) is in the event's data, so the event's hash covers the bytes.
 * `GET /v1/documents/{sha256}` on the service that recorded the event serves them.
 */
export type AttachedDocument = {
  sha256: string;
  title: string;
  /** What the document is, e.g. `signed-mou`, `note-verbale`. */
  kind: string;
  mediaType: string;
  size: number;
};
