import { DomainError } from './problem';

/** The media types a document may have: a PDF or a scanned page. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

export type DocumentErrorCode =
  | 'DOCUMENT_TYPE_NOT_ALLOWED'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_NOT_FOUND'
  | 'DOCUMENT_CORRUPTED';

export class DocumentError extends DomainError<DocumentErrorCode> {}

// The first bytes each format starts with: PDF 1.0-2.0 ("%PDF-"), the PNG signature, JPEG's SOI marker
// followed by the first segment's marker byte.
const SIGNATURES: Record<DocumentMediaType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

export const isDocumentMediaType = (mediaType: string): mediaType is DocumentMediaType =>
  (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(mediaType);

/** The media type the content itself says it is, from its first bytes; `undefined` for anything else. */
export const sniffMediaType = (content: Buffer): DocumentMediaType | undefined =>
  DOCUMENT_MEDIA_TYPES.find((type) => content.subarray(0, SIGNATURES[type].length).equals(SIGNATURES[type]));

/**
 * The media type of an uploaded document: the one declared, provided the content starts as that type
 * does. A declared type that is not allowed, or content of another type (a renamed file, an executable
 * sent as a PDF), is refused: the Content-Type alone is never trusted.
 */
export const checkedMediaType = (declared: string, content: Buffer): DocumentMediaType => {
  const allowed = DOCUMENT_MEDIA_TYPES.join(', ');
  if (!isDocumentMediaType(declared)) {
    throw new DocumentError(
      'DOCUMENT_TYPE_NOT_ALLOWED',
      `A document is sent as ${allowed}; this one was sent as ${declared || 'no Content-Type'}.`,
      { allowed: [...DOCUMENT_MEDIA_TYPES] },
    );
  }
  const sniffed = sniffMediaType(content);
  if (sniffed !== declared) {
    throw new DocumentError(
      'DOCUMENT_TYPE_NOT_ALLOWED',
      `The content is not ${declared}: ${sniffed === undefined ? `it is none of ${allowed}` : `it is ${sniffed}`}.`,
      { declared, detected: sniffed ?? null },
    );
  }
  return declared;
};
