import { money, roundToCent, usd } from '../shared/money';
import type { DeathAndDisabilityType } from './death-and-disability.events';

/**
 * The compensation of a case: a death is paid the standard amount in force on the incident date; a
 * disability its degree of it, `standard × degree ÷ 100`, rounded once to the cent.
 */
export const deathAndDisabilityAmountUsd = (
  type: DeathAndDisabilityType,
  degreePct: string | null,
  standardAmountUsd: string,
): string =>
  type === 'death'
    ? usd(money(standardAmountUsd))
    : usd(
        roundToCent(
          money(standardAmountUsd)
            .times(degreePct ?? '0')
            .dividedBy(100),
        ),
      );
