import { deciderSpec } from '@coe/event-store/testing';
import type { MouCommand } from './mou.commands';
import type { MouEvent } from './mou.events';
import { mouDecider } from './mou.decider';
import { drafted, enteredIntoForce, mouId, sent, signed, termsInForce } from './mou.fixtures';

const given = deciderSpec(mouDecider);

// Two uploads: the signed MOU (a PDF of 18,204 bytes) and the note verbale (a scanned page, 91,377 bytes).
const SIGNED_PDF = 'a'.repeat(64);
const NOTE_PNG = 'b'.repeat(64);
const NEVER_UPLOADED = 'c'.repeat(64);
const stored = [
  { sha256: SIGNED_PDF, mediaType: 'application/pdf', size: 18204 },
  { sha256: NOTE_PNG, mediaType: 'image/png', size: 91377 },
];

const signWith = (signedOn: string, documents: { sha256: string; title: string }[]): MouCommand => ({
  type: 'SignMou',
  data: {
    mouId,
    party: 'un',
    signedOn,
    documents: documents.map((d) => ({ ...d, kind: 'signed-mou' })),
    storedDocuments: stored.filter((s) => documents.some((d) => d.sha256 === s.sha256)),
  },
});

// The UN's signature on 2018-07-02 with the signed MOU, as the event records it.
const signedWithPdf = (title: string): MouEvent => ({
  type: 'MouSigned',
  data: {
    mouId,
    party: 'un',
    signedOn: '2018-07-02',
    documents: [{ sha256: SIGNED_PDF, title, kind: 'signed-mou', mediaType: 'application/pdf', size: 18204 }],
  },
  effectiveOn: '2018-07-02',
});

describe('documents attached to an MOU', () => {
  it('records the signed MOU in the signature, by hash, with its stored type and size', () =>
    given([drafted(), sent('2018-06-01')])
      .when(signWith('2018-07-02', [{ sha256: SIGNED_PDF, title: 'MOU signed by the USG' }]))
      .then([signedWithPdf('MOU signed by the USG')]));

  it('records the note verbale with the sending to the Permanent Mission', () =>
    given([drafted()])
      .when({
        type: 'SendMouToPermanentMission',
        data: {
          mouId,
          sentOn: '2018-06-01',
          documents: [{ sha256: NOTE_PNG, title: 'Note verbale 2018/114', kind: 'note-verbale' }],
          storedDocuments: stored,
        },
      })
      .then([
        {
          type: 'MouSentToPermanentMission',
          data: {
            mouId,
            sentOn: '2018-06-01',
            documents: [
              {
                sha256: NOTE_PNG,
                title: 'Note verbale 2018/114',
                kind: 'note-verbale',
                mediaType: 'image/png',
                size: 91377,
              },
            ],
          },
          effectiveOn: '2018-06-01',
        },
      ]));

  it('keeps the second signature and the entry into force as before, the document on the signature', () =>
    given([drafted(), sent('2018-06-01'), signed('contributor', '2018-06-20')])
      .when(signWith('2018-07-02', [{ sha256: SIGNED_PDF, title: 'MOU' }]))
      .then([signedWithPdf('MOU'), enteredIntoForce('2018-07-02'), termsInForce(1, '2018-07-02')]));

  it('refuses a hash nobody uploaded, and records nothing', () =>
    given([drafted(), sent('2018-06-01')])
      .when(signWith('2018-07-02', [{ sha256: NEVER_UPLOADED, title: 'MOU' }]))
      .thenThrows('DOCUMENT_NOT_UPLOADED'));

  it('leaves a signature without documents as it always was', () =>
    given([drafted(), sent('2018-06-01')])
      .when({ type: 'SignMou', data: { mouId, party: 'un', signedOn: '2018-07-02', documents: [] } })
      .then([signed('un', '2018-07-02')]));
});
