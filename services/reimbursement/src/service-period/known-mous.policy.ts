import { contractHandler, type EventHandler } from '@coe/messaging';

export const KNOWN_MOUS_HANDLER = 'reimbursement.known-mous';

/**
 * mou-negotiation's MouDrafted -> which mission and contributor each MOU is for, before its terms are in
 * force: the monthly claims run lists a deployed unit whose MOU is not in force under its mission.
 */
export const knownMousPolicy = (schema: string): EventHandler =>
  contractHandler('mou-negotiation', KNOWN_MOUS_HANDLER, {
    MouDrafted: async ({ data: mou }, tx) => {
      await tx.query(
        `insert into ${schema}.known_mous (mou_id, mou_ref, mission, contributor) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [mou.mouId, mou.mouRef, mou.mission, mou.contributor],
      );
    },
  });
