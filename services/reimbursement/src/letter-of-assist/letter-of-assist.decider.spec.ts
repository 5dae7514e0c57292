import { deciderSpec } from '@coe/event-store/testing';
import type { LetterOfAssistCommand } from './letter-of-assist.commands';
import { letterOfAssistDecider } from './letter-of-assist.decider';
import type { LetterOfAssistEvent } from './letter-of-assist.events';

const given = deciderSpec(letterOfAssistDecider);

const loaId = 'loa-1';
const loaRef = 'LOA/UNMISS/IND/2019-004';

const issued: LetterOfAssistEvent = {
  type: 'LetterOfAssistIssued',
  data: {
    ...{ loaId, loaRef, mission: 'UNMISS', contributor: 'IND', description: 'Two utility helicopters' },
    ...{ notToExceedUsd: '100000.00', issuedOn: '2019-01-10', issuedBy: 'officer-a' },
  },
  effectiveOn: '2019-01-10',
};

const recorded = (invoiceRef: string, amountUsd: string, recordedOn = '2019-03-05'): LetterOfAssistEvent => ({
  type: 'LetterOfAssistInvoiceRecorded',
  data: { loaId, invoiceRef, period: '2019-02', amountUsd, recordedOn, recordedBy: 'officer-a' },
  effectiveOn: recordedOn,
});

const certified = (
  invoiceRef: string,
  amountUsd: string,
  certifiedTotalUsd: string,
): LetterOfAssistEvent => ({
  type: 'LetterOfAssistInvoiceCertified',
  data: {
    ...{ loaId, invoiceRef, amountUsd, certifiedOn: '2019-03-20', certifiedBy: 'officer-b' },
    ...{ claimId: `claim-${invoiceRef}`, claimRef: `${loaRef}/${invoiceRef}`, certifiedTotalUsd },
  },
  effectiveOn: '2019-03-20',
});

const record = (invoiceRef: string, amountUsd: string, recordedOn = '2019-03-05'): LetterOfAssistCommand => ({
  type: 'RecordLetterOfAssistInvoice',
  data: { loaId, invoiceRef, period: '2019-02', amountUsd, recordedOn, recordedBy: 'officer-a' },
});

const certify = (invoiceRef: string, by = 'officer-b', on = '2019-03-20'): LetterOfAssistCommand => ({
  type: 'CertifyLetterOfAssistInvoice',
  data: {
    ...{ loaId, invoiceRef, certifiedOn: on, certifiedBy: by },
    ...{ claimId: `claim-${invoiceRef}`, claimRef: `${loaRef}/${invoiceRef}` },
  },
});

const close = (closedOn = '2019-06-30'): LetterOfAssistCommand => ({
  type: 'CloseLetterOfAssist',
  data: { loaId, closedOn, closedBy: 'officer-a' },
});

describe('Letter of assist', () => {
  it('is issued with its not-to-exceed amount', () =>
    given([]).when({ type: 'IssueLetterOfAssist', data: issued.data }).then([issued]));

  it('is issued once', () =>
    given([issued]).when({ type: 'IssueLetterOfAssist', data: issued.data }).thenThrows('LOA_EXISTS'));

  describe('invoices', () => {
    it('are recorded against it', () =>
      given([issued])
        .when(record('INV-1', '60000.00'))
        .then([recorded('INV-1', '60000.00')]));

    it('refuses one that alone exceeds the NTE (100,000.01 > 100,000.00)', () =>
      given([issued]).when(record('INV-1', '100000.01')).thenThrows('LOA_NOT_TO_EXCEED'));

    it('refuses the same invoice reference twice', () =>
      given([issued, recorded('INV-1', '10.00')])
        .when(record('INV-1', '20.00'))
        .thenThrows('LOA_INVOICE_EXISTS'));

    it('refuses an invoice dated before the letter was issued', () =>
      given([issued])
        .when(record('INV-1', '10.00', '2019-01-09'))
        .thenThrows('DATED_OUT_OF_ORDER'));
  });

  describe('certification', () => {
    it('certifies an invoice: 0.00 + 60,000.00 = 60,000.00 certified, within 100,000.00', () =>
      given([issued, recorded('INV-1', '60000.00')])
        .when(certify('INV-1'))
        .then([certified('INV-1', '60000.00', '60000.00')]));

    it('certifies up to the NTE exactly: 60,000.00 + 40,000.00 = 100,000.00, 0.00 left', () =>
      given([issued, recorded('INV-1', '60000.00'), certified('INV-1', '60000.00', '60000.00')])
        .when(record('INV-2', '40000.00'))
        .thenState((s) => expect(s).toMatchObject({ certifiedUsd: '60000.00', remainingUsd: '40000.00' })));

    it('reaches the NTE exactly and leaves 0.00', () =>
      given([
        issued,
        recorded('INV-1', '60000.00'),
        certified('INV-1', '60000.00', '60000.00'),
        recorded('INV-2', '40000.00'),
      ])
        .when(certify('INV-2'))
        .thenState((s) => expect(s).toMatchObject({ certifiedUsd: '100000.00', remainingUsd: '0.00' })));

    it('never beyond it: 60,000.00 + 40,000.01 = 100,000.01 > 100,000.00', () =>
      given([issued, recorded('INV-1', '60000.00'), certified('INV-1', '60000.00', '60000.00')])
        .when(record('INV-2', '40000.01'))
        .thenThrows('LOA_NOT_TO_EXCEED'));

    it('counts what was certified, not what was recorded: 70,000.00 then 50,000.00 → 120,000.00 > NTE', () =>
      given([
        issued,
        recorded('INV-1', '70000.00'),
        recorded('INV-2', '50000.00'),
        certified('INV-1', '70000.00', '70000.00'),
      ])
        .when(certify('INV-2'))
        .thenThrows('LOA_NOT_TO_EXCEED'));

    it('is refused to the officer who recorded the invoice (four eyes)', () =>
      given([issued, recorded('INV-1', '10.00')])
        .when(certify('INV-1', 'officer-a'))
        .thenThrows('FOUR_EYES_REQUIRED'));

    it('is done once', () =>
      given([issued, recorded('INV-1', '10.00'), certified('INV-1', '10.00', '10.00')])
        .when(certify('INV-1'))
        .thenThrows('LOA_INVOICE_ALREADY_CERTIFIED'));

    it('refuses an unknown invoice', () =>
      given([issued]).when(certify('INV-9')).thenThrows('LOA_INVOICE_NOT_FOUND'));

    it('refuses a certification dated before the invoice was recorded', () =>
      given([issued, recorded('INV-1', '10.00')])
        .when(certify('INV-1', 'officer-b', '2019-03-04'))
        .thenThrows('DATED_BEFORE_PREPARATION'));
  });

  describe('closure', () => {
    const history = [
      issued,
      recorded('INV-1', '60000.00'),
      certified('INV-1', '60000.00', '60000.00'),
      recorded('INV-2', '5.00'),
    ];

    it('closes it; an invoice never certified lapses', () =>
      given(history)
        .when(close())
        .then([
          {
            type: 'LetterOfAssistClosed',
            data: {
              ...{ loaId, closedOn: '2019-06-30', closedBy: 'officer-a' },
              ...{ certifiedTotalUsd: '60000.00', lapsedInvoiceRefs: ['INV-2'] },
            },
            effectiveOn: '2019-06-30',
          },
        ]));

    const closed: LetterOfAssistEvent = {
      type: 'LetterOfAssistClosed',
      data: {
        loaId,
        closedOn: '2019-06-30',
        closedBy: 'officer-a',
        certifiedTotalUsd: '60000.00',
        lapsedInvoiceRefs: ['INV-2'],
      },
      effectiveOn: '2019-06-30',
    };

    it('takes no invoice after closure', () =>
      given([...history, closed])
        .when(record('INV-3', '1.00', '2019-07-01'))
        .thenThrows('LOA_CLOSED'));

    it('certifies nothing after closure', () =>
      given([...history, closed])
        .when(certify('INV-2'))
        .thenThrows('LOA_CLOSED'));

    it('is not dated before the letter’s last record', () =>
      given(history).when(close('2019-03-19')).thenThrows('DATED_OUT_OF_ORDER'));
  });

  it('refuses anything on a letter never issued', () =>
    given([]).when(record('INV-1', '1.00')).thenThrows('LOA_NOT_FOUND'));
});
