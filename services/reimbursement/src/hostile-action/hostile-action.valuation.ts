import { money, roundToCent, sumUsd, usd } from '../shared/money';
import type { HostileActionItem } from './hostile-action.events';

export type ItemLost = Omit<HostileActionItem, 'gfmvUsd'>;

/**
 * Resolution 50/222: each item's GFMV is `quantity × GFMV each`, rounded once to the cent; the incident's
 * total is their sum. The UN is liable when the total reaches (is equal to or above) the threshold in
 * force; below it the contributor bears the loss and nothing is payable.
 */
export const valueIncident = (
  items: readonly ItemLost[],
  thresholdUsd: string,
): { items: HostileActionItem[]; totalGfmvUsd: string; liability: 'united-nations' | 'contributor' } => {
  const valued = items.map((i) => ({
    ...i,
    gfmvUsd: usd(roundToCent(money(i.gfmvEachUsd).times(i.quantity))),
  }));
  const totalGfmvUsd = sumUsd(valued.map((i) => i.gfmvUsd));
  const liability = money(totalGfmvUsd).greaterThanOrEqualTo(thresholdUsd) ? 'united-nations' : 'contributor';
  return { items: valued, totalGfmvUsd, liability };
};
