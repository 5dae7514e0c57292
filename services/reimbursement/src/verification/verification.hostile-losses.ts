import type { MouTerms } from '../mou-terms/mou-terms';
import { lastDayOf } from '../shared/period';
import { fail } from '../shared/reimbursement.errors';
import type { EquipmentVerified } from './verification.events';

/** One item line of a recorded hostile-action incident (hostile_action_items), whatever its MOU. */
export type RecordedHostileActionLoss = {
  incidentId: string;
  mouId: string;
  occurredOn: string;
  lineId: string | null;
  category: string;
  item: string;
  quantity: number;
};

// An incident's item names its annex B line, or only a category and item: it counts on the line that has them.
const onLine = (loss: RecordedHostileActionLoss, line: { lineId: string; category: string; item: string }) =>
  loss.lineId === null
    ? loss.category === line.category && loss.item === line.item
    : loss.lineId === line.lineId;

/**
 * Resolution 67/261 does not count items lost through hostile action against the contributor, so a report
 * may only say so of a recorded incident: of the same MOU, that occurred by the month's last day, and for no
 * more items than the incident lost on that annex B line.
 */
export const checkHostileActionLosses = (
  report: { mouId: string; period: string; terms: MouTerms; equipment: EquipmentVerified[] },
  recorded: readonly RecordedHostileActionLoss[],
): void => {
  for (const e of report.equipment) {
    const claimed = e.lostThroughHostileAction;
    if (!claimed) continue;
    const { incidentId, count } = claimed;
    const items = recorded.filter((r) => r.incidentId === incidentId);
    const details = { lineId: e.lineId, incidentId };
    if (items.length === 0)
      fail(
        'HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT',
        `Line ${e.lineId}: no incident ${incidentId} is recorded.`,
        details,
      );
    if (items[0]!.mouId !== report.mouId) {
      fail(
        'HOSTILE_ACTION_LOSS_OTHER_MOU',
        `Line ${e.lineId}: incident ${incidentId} is of MOU ${items[0]!.mouId}, not ${report.mouId}.`,
        details,
      );
    }
    const monthEnd = lastDayOf(report.period);
    if (items[0]!.occurredOn > monthEnd) {
      fail(
        'HOSTILE_ACTION_LOSS_AFTER_PERIOD',
        `Line ${e.lineId}: incident ${incidentId} occurred on ${items[0]!.occurredOn}, after ${monthEnd}.`,
        details,
      );
    }
    const line = report.terms.annexB.find((l) => l.lineId === e.lineId);
    const lost = line ? items.filter((i) => onLine(i, line)).reduce((sum, i) => sum + i.quantity, 0) : 0;
    if (count > lost) {
      fail(
        'HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT',
        `Line ${e.lineId}: ${count} items said lost, but incident ${incidentId} lost ${lost} on that line.`,
        { ...details, lost },
      );
    }
  }
};
