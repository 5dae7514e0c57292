import type { LetterOfAssistIssued, LetterOfAssistInvoiceRecorded } from './letter-of-assist.events';

export type IssueLetterOfAssist = { type: 'IssueLetterOfAssist'; data: LetterOfAssistIssued };

export type RecordLetterOfAssistInvoice = {
  type: 'RecordLetterOfAssistInvoice';
  data: LetterOfAssistInvoiceRecorded;
};

/** The handler names the claim the invoice becomes; the decider decides whether it may. */
export type CertifyLetterOfAssistInvoice = {
  type: 'CertifyLetterOfAssistInvoice';
  data: {
    loaId: string;
    invoiceRef: string;
    certifiedOn: string;
    certifiedBy: string;
    claimId: string;
    claimRef: string;
  };
};

export type CloseLetterOfAssist = {
  type: 'CloseLetterOfAssist';
  data: { loaId: string; closedOn: string; closedBy: string };
};

export type LetterOfAssistCommand =
  | IssueLetterOfAssist
  | RecordLetterOfAssistInvoice
  | CertifyLetterOfAssistInvoice
  | CloseLetterOfAssist;
