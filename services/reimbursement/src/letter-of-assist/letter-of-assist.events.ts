// A letter of assist: the UN's order for services or goods from a contributor (aircraft, vessels, ...),
// capped by a not-to-exceed amount. Invoices are recorded against it and certified by a second officer;
// each certified invoice is a payable of category `letter_of_assist`. Stream `letter-of-assist-<loaId>`.

export type LetterOfAssistIssued = {
  loaId: string;
  loaRef: string;
  mission: string;
  contributor: string;
  description: string;
  notToExceedUsd: string;
  issuedOn: string;
  issuedBy: string;
};

export type LetterOfAssistInvoiceRecorded = {
  loaId: string;
  invoiceRef: string;
  /** `YYYY-MM`, the month the services were provided. */
  period: string;
  amountUsd: string;
  recordedOn: string;
  /** Who may not certify it. */
  recordedBy: string;
};

export type LetterOfAssistInvoiceCertified = {
  loaId: string;
  invoiceRef: string;
  amountUsd: string;
  certifiedOn: string;
  certifiedBy: string;
  /** The certified claim (payable) it became. */
  claimId: string;
  claimRef: string;
  /** Every certified invoice of the letter so far, this one included; never above the NTE. */
  certifiedTotalUsd: string;
};

export type LetterOfAssistClosed = {
  loaId: string;
  closedOn: string;
  closedBy: string;
  certifiedTotalUsd: string;
  /** Invoices recorded but not certified at closure: never payable. */
  lapsedInvoiceRefs: string[];
};

export type LetterOfAssistEvent =
  | { type: 'LetterOfAssistIssued'; data: LetterOfAssistIssued; effectiveOn: string }
  | { type: 'LetterOfAssistInvoiceRecorded'; data: LetterOfAssistInvoiceRecorded; effectiveOn: string }
  | { type: 'LetterOfAssistInvoiceCertified'; data: LetterOfAssistInvoiceCertified; effectiveOn: string }
  | { type: 'LetterOfAssistClosed'; data: LetterOfAssistClosed; effectiveOn: string };

export const letterOfAssistStream = (loaId: string): string => `letter-of-assist-${loaId}`;

/** The claim reference of a certified invoice. */
export const invoiceClaimRef = (loaRef: string, invoiceRef: string): string => `${loaRef}/${invoiceRef}`;
