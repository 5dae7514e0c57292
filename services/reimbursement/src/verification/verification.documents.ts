import type { AttachedDocument } from '@coe/contracts';
import { type Documented, documentsField } from '@coe/platform';
import { fail } from '../shared/reimbursement.errors';

/** What a document attached to a verification report is. */
export const VERIFICATION_DOCUMENT_KINDS = ['verification-report', 'inspection-report', 'other'] as const;
export type VerificationDocumentKind = (typeof VERIFICATION_DOCUMENT_KINDS)[number];

// the kind is checked at the edge; a report's content read back (with its documents) is a command again
export type VerificationDocumented = Documented;

/** The `documents` of a report's version (e.g. the inspectors' signed report); an unknown hash is refused. */
export const attachedDocuments = (command: VerificationDocumented): { documents?: AttachedDocument[] } =>
  documentsField(command, (message, missing) => fail('DOCUMENT_NOT_UPLOADED', message, { missing }));
