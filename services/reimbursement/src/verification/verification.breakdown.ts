import type { MouTerms } from '../mou-terms/mou-terms';
import { fail } from '../shared/reimbursement.errors';
import type { EquipmentVerified, Provision, SelfSustainmentVerified } from './verification.events';

const hasBreakdown = (e: EquipmentVerified): boolean =>
  e.presentUnserviceable !== undefined ||
  e.absent !== undefined ||
  e.lostThroughHostileAction !== undefined ||
  e.notDeployedAtUnRequest !== undefined;

/**
 * An annex B line as stored: when the inspectors told missing items apart, every MOU item is accounted
 * for (present and serviceable, present but unserviceable, absent), the absent count is derived when not
 * given, and the exempt losses are part of the absent. A line without a breakdown is kept as it came.
 */
const equipmentLine = (e: EquipmentVerified, quantity: number): EquipmentVerified => {
  const arrival = e.arrivedOn ? { arrivedOn: e.arrivedOn } : {};
  if (!hasBreakdown(e))
    return { lineId: e.lineId, presentAndServiceable: e.presentAndServiceable, ...arrival };
  const presentUnserviceable = e.presentUnserviceable ?? 0;
  const absent = Math.max(quantity - e.presentAndServiceable - presentUnserviceable, 0);
  if (e.absent !== undefined && e.absent !== absent) {
    fail(
      'EQUIPMENT_COUNT_MISMATCH',
      `Line ${e.lineId}: ${e.presentAndServiceable} serviceable and ${presentUnserviceable} unserviceable of ${quantity} leave ${absent} absent, not ${e.absent}.`,
      { lineId: e.lineId, absent },
    );
  }
  const exempt = (e.lostThroughHostileAction?.count ?? 0) + (e.notDeployedAtUnRequest?.count ?? 0);
  if (exempt > absent) {
    fail(
      'EXEMPT_COUNT_EXCEEDS_ABSENT',
      `Line ${e.lineId}: ${exempt} items said lost or not deployed, but only ${absent} are absent.`,
      { lineId: e.lineId, absent },
    );
  }
  return {
    lineId: e.lineId,
    presentAndServiceable: e.presentAndServiceable,
    presentUnserviceable,
    absent,
    ...(e.lostThroughHostileAction ? { lostThroughHostileAction: e.lostThroughHostileAction } : {}),
    ...(e.notDeployedAtUnRequest ? { notDeployedAtUnRequest: e.notDeployedAtUnRequest } : {}),
    ...arrival,
  };
};

/** Checks and completes the 67/261 breakdown of each annex B line against the annex version's quantities. */
export const equipmentAsVerified = (terms: MouTerms, equipment: EquipmentVerified[]): EquipmentVerified[] =>
  equipment.map((e) => equipmentLine(e, terms.annexB.find((l) => l.lineId === e.lineId)?.quantity ?? 0));

/** How a category was provided; a report from before partial provision existed says only yes or no. */
export const provisionOf = (s: SelfSustainmentVerified): Provision =>
  s.provision ?? (s.providedToStandard ? 'full' : 'none');

/** `providedToStandard` must agree with `provision` when both are given. */
export const selfSustainmentAsVerified = (categories: SelfSustainmentVerified[]): SelfSustainmentVerified[] =>
  categories.map((s) => {
    if (s.provision === undefined) return { category: s.category, providedToStandard: s.providedToStandard };
    if (s.providedToStandard !== (s.provision === 'full')) {
      fail(
        'INCONSISTENT_PROVISION',
        `${s.category}: provided ${s.provision} cannot be ${s.providedToStandard ? '' : 'not '}to standard.`,
        { category: s.category },
      );
    }
    return { category: s.category, providedToStandard: s.providedToStandard, provision: s.provision };
  });
