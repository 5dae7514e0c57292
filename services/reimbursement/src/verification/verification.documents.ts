import type { AttachedDocument } from '@coe/contracts';
import { type Documented, attachDocuments } from '@coe/platform';
import { fail } from '../shared/reimbursement.errors';

/** What a document attached to a verification report is. */
export const VERIFICATION_DOCUMENT_KINDS = ['verification-report', 'inspection-report', 'other'] as const;
export type VerificationDocumentKind = (typeof VERIFICATION_DOCUMENT_KINDS)[number];

// the kind is checked at the edge; a report's content read back (with its documents) is a command again
export type VerificationDocumented = Documented;

/**
 * The `documents` of the report's version, by hash with the stored media type and size (e.g. the
 * inspectors' signed report); a hash nobody uploaded is refused. `{}` when none: the former shape.
 */
export const attachedDocuments = (command: VerificationDocumented): { documents?: AttachedDocument[] } => {
  const { attached, missing } = attachDocuments(command);
  if (missing.length > 0) {
    fail(
      'DOCUMENT_NOT_FOUND',
      `No document was uploaded with the hash ${missing.join(', ')}; upload it first (POST /v1/documents).`,
      { missing },
    );
  }
  return attached.length === 0 ? {} : { documents: attached };
};
