import type { Decider } from '@coe/event-store';
import { money, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { LetterOfAssistCommand } from './letter-of-assist.commands';
import type { LetterOfAssistEvent, LetterOfAssistIssued } from './letter-of-assist.events';

export type LetterOfAssistInvoice = {
  invoiceRef: string;
  period: string;
  amountUsd: string;
  recordedOn: string;
  recordedBy: string;
  status: 'recorded' | 'certified' | 'lapsed';
  certifiedOn: string | null;
  certifiedBy: string | null;
  claimId: string | null;
  claimRef: string | null;
};

export type LetterOfAssist =
  | { status: 'none' }
  | (LetterOfAssistIssued & {
      status: 'open' | 'closed';
      invoices: LetterOfAssistInvoice[];
      /** Sum of the certified invoices: never above `notToExceedUsd`. */
      certifiedUsd: string;
      remainingUsd: string;
      /** The latest business date recorded on the letter: nothing later may be dated before it. */
      lastDatedOn: string;
      closedOn: string | null;
      closedBy: string | null;
    });

type Known = Exclude<LetterOfAssist, { status: 'none' }>;

const initialState = (): LetterOfAssist => ({ status: 'none' });

const later = (a: string, b: string): string => (a > b ? a : b);

const evolve = (state: LetterOfAssist, event: LetterOfAssistEvent): LetterOfAssist => {
  if (event.type === 'LetterOfAssistIssued') {
    const { notToExceedUsd, issuedOn } = event.data;
    return {
      ...event.data,
      ...{ status: 'open', invoices: [], certifiedUsd: '0.00', remainingUsd: notToExceedUsd },
      ...{ lastDatedOn: issuedOn, closedOn: null, closedBy: null },
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'LetterOfAssistInvoiceRecorded': {
      const { loaId: _loaId, ...invoice } = event.data;
      const recorded: LetterOfAssistInvoice = {
        ...invoice,
        ...{ status: 'recorded', certifiedOn: null, certifiedBy: null, claimId: null, claimRef: null },
      };
      return {
        ...state,
        invoices: [...state.invoices, recorded],
        lastDatedOn: later(state.lastDatedOn, event.data.recordedOn),
      };
    }
    case 'LetterOfAssistInvoiceCertified': {
      const { invoiceRef, certifiedOn, certifiedBy, claimId, claimRef, certifiedTotalUsd } = event.data;
      return {
        ...state,
        invoices: state.invoices.map((i) =>
          i.invoiceRef === invoiceRef
            ? { ...i, status: 'certified', certifiedOn, certifiedBy, claimId, claimRef }
            : i,
        ),
        certifiedUsd: certifiedTotalUsd,
        remainingUsd: usd(money(state.notToExceedUsd).minus(certifiedTotalUsd)),
        lastDatedOn: later(state.lastDatedOn, certifiedOn),
      };
    }
    case 'LetterOfAssistClosed':
      return {
        ...state,
        status: 'closed',
        invoices: state.invoices.map((i) => (i.status === 'recorded' ? { ...i, status: 'lapsed' } : i)),
        closedOn: event.data.closedOn,
        closedBy: event.data.closedBy,
        lastDatedOn: later(state.lastDatedOn, event.data.closedOn),
      };
  }
};

const open = (state: LetterOfAssist, loaId: string): Known => {
  if (state.status === 'none') return fail('LOA_NOT_FOUND', `No letter of assist ${loaId}.`);
  if (state.status === 'closed') fail('LOA_CLOSED', `${state.loaRef} was closed on ${state.closedOn}.`);
  return state;
};

// The rule of a letter of assist: what is certified against it, in total, never exceeds its NTE amount.
const assertWithinLimit = (loa: Known, amountUsd: string): string => {
  const total = money(loa.certifiedUsd).plus(amountUsd);
  if (total.greaterThan(loa.notToExceedUsd)) {
    fail(
      'LOA_NOT_TO_EXCEED',
      `${loa.loaRef}: ${loa.certifiedUsd} certified + ${amountUsd} exceeds the NTE of ${loa.notToExceedUsd}.`,
      { notToExceedUsd: loa.notToExceedUsd, certifiedUsd: loa.certifiedUsd, remainingUsd: loa.remainingUsd },
    );
  }
  return usd(total);
};

const decide = (command: LetterOfAssistCommand, state: LetterOfAssist): LetterOfAssistEvent[] => {
  switch (command.type) {
    case 'IssueLetterOfAssist': {
      if (state.status !== 'none') fail('LOA_EXISTS', `Letter of assist ${state.loaRef} exists already.`);
      return [{ type: 'LetterOfAssistIssued', data: command.data, effectiveOn: command.data.issuedOn }];
    }
    case 'RecordLetterOfAssistInvoice': {
      const { data } = command;
      const loa = open(state, data.loaId);
      if (loa.invoices.some((i) => i.invoiceRef === data.invoiceRef)) {
        fail('LOA_INVOICE_EXISTS', `${loa.loaRef} has an invoice ${data.invoiceRef} already.`);
      }
      if (data.recordedOn < loa.issuedOn) {
        fail('DATED_OUT_OF_ORDER', `${loa.loaRef} was issued on ${loa.issuedOn}.`);
      }
      if (data.period > data.recordedOn.slice(0, 7)) {
        fail(
          'PERIOD_AFTER_PREPARATION',
          `An invoice for ${data.period} cannot be recorded on ${data.recordedOn}.`,
        );
      }
      // an invoice that could never be certified is refused at once
      assertWithinLimit(loa, data.amountUsd);
      return [{ type: 'LetterOfAssistInvoiceRecorded', data, effectiveOn: data.recordedOn }];
    }
    case 'CertifyLetterOfAssistInvoice': {
      const { loaId, invoiceRef, certifiedOn, certifiedBy, claimId, claimRef } = command.data;
      const loa = open(state, loaId);
      const invoice = loa.invoices.find((i) => i.invoiceRef === invoiceRef);
      if (invoice === undefined) {
        return fail('LOA_INVOICE_NOT_FOUND', `${loa.loaRef} has no invoice ${invoiceRef}.`);
      }
      if (invoice.status === 'certified') {
        fail(
          'LOA_INVOICE_ALREADY_CERTIFIED',
          `${loa.loaRef}/${invoiceRef} was certified on ${invoice.certifiedOn}.`,
        );
      }
      // four eyes: whoever recorded an invoice may not certify it
      if (invoice.recordedBy === certifiedBy) {
        fail('FOUR_EYES_REQUIRED', `${loa.loaRef}/${invoiceRef} must be certified by another officer.`);
      }
      if (certifiedOn < invoice.recordedOn) {
        fail(
          'DATED_BEFORE_PREPARATION',
          `${loa.loaRef}/${invoiceRef} was recorded on ${invoice.recordedOn}.`,
        );
      }
      const certifiedTotalUsd = assertWithinLimit(loa, invoice.amountUsd);
      return [
        {
          type: 'LetterOfAssistInvoiceCertified',
          data: {
            ...{ loaId, invoiceRef, amountUsd: invoice.amountUsd, certifiedOn, certifiedBy },
            ...{ claimId, claimRef, certifiedTotalUsd },
          },
          effectiveOn: certifiedOn,
        },
      ];
    }
    case 'CloseLetterOfAssist': {
      const { loaId, closedOn, closedBy } = command.data;
      const loa = open(state, loaId);
      if (closedOn < loa.lastDatedOn) {
        fail('DATED_OUT_OF_ORDER', `${loa.loaRef} has a record dated ${loa.lastDatedOn}.`);
      }
      const lapsedInvoiceRefs = loa.invoices.filter((i) => i.status === 'recorded').map((i) => i.invoiceRef);
      return [
        {
          type: 'LetterOfAssistClosed',
          data: { loaId, closedOn, closedBy, certifiedTotalUsd: loa.certifiedUsd, lapsedInvoiceRefs },
          effectiveOn: closedOn,
        },
      ];
    }
  }
};

export const letterOfAssistDecider: Decider<LetterOfAssistCommand, LetterOfAssistEvent, LetterOfAssist> = {
  initialState,
  evolve,
  decide,
};
