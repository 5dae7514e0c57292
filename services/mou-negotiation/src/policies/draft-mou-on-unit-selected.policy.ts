import { contractHandler, type EventHandler } from '@coe/messaging';
import { nameBasedUuid } from '@coe/platform';
import { MouError } from '../mou/mou.errors';
import { nextMouRef } from '../mou/mou.refs';
import { POLICY_ACTOR, liveMouOfUnit, lockUnit } from '../mou/mou.unit-movements';
import type { MouWriter } from '../mou/mou.writer';

/** The MOU of a unit force generation selected: its id follows from the unit's, so a redelivery drafts nothing new. */
export const mouIdOfUnit = (unitId: string): string => nameBasedUuid(`mou-for-unit:${unitId}`);

/**
 * Unit selected → MOU drafted (negotiation opens on the selection date) with the next free reference of
 * the mission and contributor. A unit that already has an MOU (drafted by a clerk) gets no second one.
 */
export const draftMouOnUnitSelected = (writer: MouWriter, schema: string): EventHandler =>
  contractHandler('force-generation', 'mou-negotiation.draft-mou-on-unit-selected', {
    UnitSelected: async (event, tx) => {
      const unit = event.data;
      await lockUnit(tx, unit.unitId);
      if ((await liveMouOfUnit(tx, schema, unit.unitId)) !== null) return;
      // two selections for one mission and contributor must not take the same number
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [
        `coe-mou-ref:${unit.mission}/${unit.contributor}`,
      ]);
      const mouId = mouIdOfUnit(unit.unitId);
      try {
        await writer.runIn(
          tx,
          mouId,
          {
            type: 'DraftMou',
            data: {
              mouId,
              mouRef: await nextMouRef(tx, schema, unit.mission, unit.contributor),
              mission: unit.mission,
              contributor: unit.contributor,
              unitId: unit.unitId,
              unitName: unit.unitName,
              unitType: unit.unitType,
              personnelCeiling: unit.personnel,
              negotiationOpenedOn: unit.selectedOn,
            },
          },
          {
            metadata: { actor: POLICY_ACTOR, correlationId: event.id, causationId: event.id },
            eventIds: (index) => nameBasedUuid(`mou-draft:${event.id}:${index}`),
          },
        );
      } catch (error) {
        // this unit's MOU was drafted and later withdrawn: a clerk drafts the next one
        if (error instanceof MouError && error.code === 'MOU_ALREADY_DRAFTED') return;
        throw error;
      }
    },
  });
