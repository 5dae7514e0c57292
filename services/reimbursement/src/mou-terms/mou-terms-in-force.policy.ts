import { contractHandler, type EventHandler } from '@coe/messaging';
import { recordMouTerms } from './mou-terms.read-model';

export const MOU_TERMS_HANDLER = 'reimbursement.mou-terms-in-force';

/**
 * mou-negotiation's MouTermsInForce -> reimbursement's own table of annex versions with their effective
 * dates, which claims are computed from. Written in the delivery's transaction, so each event counts once.
 */
export const mouTermsInForcePolicy = (schema: string): EventHandler =>
  contractHandler('mou-negotiation', MOU_TERMS_HANDLER, {
    MouTermsInForce: async (event, tx) => {
      await recordMouTerms(tx, schema, event.data, event.id);
    },
  });
