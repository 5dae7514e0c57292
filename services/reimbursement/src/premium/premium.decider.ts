import { type Decider, canonicalJson } from '@coe/event-store';
import type { InForce } from '../rate-table/rate-table.in-force';
import { money } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { PremiumEvent, PremiumGranted } from './premium.events';

/** The caps of every `premium-caps` version in force on some day of the grant's period. */
export type GrantPremium = {
  type: 'GrantPremium';
  data: Omit<PremiumGranted, never>;
  caps: InForce<'premium-caps'>[];
};

export type Premiums = { grants: PremiumGranted[] };

const initialState = (): Premiums => ({ grants: [] });

const evolve = (state: Premiums, event: PremiumEvent): Premiums => ({
  grants: [...state.grants, event.data],
});

const decide = (command: GrantPremium, state: Premiums): PremiumEvent[] => {
  const grant = command.data;
  const same = (g: PremiumGranted) =>
    canonicalJson({ ...g, grantedBy: '' }) === canonicalJson({ ...grant, grantedBy: '' });
  if (state.grants.some(same)) return []; // the same grant again: a retry
  if (grant.fromOn > grant.toOn) {
    fail('INVALID_PREMIUM_PERIOD', `A premium from ${grant.fromOn} cannot end on ${grant.toOn}.`);
  }
  // every cap in force during the period holds (resolution 67/261 maxima are data)
  for (const cap of command.caps) {
    const max = grant.kind === 'risk' ? cap.values.riskMaxPct : cap.values.keyEnablerMaxPct;
    if (money(grant.pct).greaterThan(max)) {
      fail('PREMIUM_ABOVE_CAP', `A ${grant.kind} premium of ${grant.pct}% exceeds the cap of ${max}%.`, {
        capPct: max,
        rateTable: { tableId: cap.tableId, version: cap.version },
      });
    }
  }
  const overlap = state.grants.find(
    (g) => g.kind === grant.kind && g.fromOn <= grant.toOn && grant.fromOn <= g.toOn,
  );
  if (overlap) {
    fail('PREMIUM_OVERLAPS', `A ${grant.kind} premium already covers ${overlap.fromOn}–${overlap.toOn}.`, {
      grantId: overlap.grantId,
    });
  }
  return [{ type: 'PremiumGranted', data: grant, effectiveOn: grant.grantedOn }];
};

export const premiumDecider: Decider<GrantPremium, PremiumEvent, Premiums> = { initialState, evolve, decide };

/** The cap versions that govern some day of [fromOn, toOn]: the one in force on `fromOn`, and any later one. */
export const capsDuring = (
  versions: readonly InForce<'premium-caps'>[],
  inForceOnFrom: InForce<'premium-caps'> | null,
  fromOn: string,
  toOn: string,
): InForce<'premium-caps'>[] => [
  ...(inForceOnFrom ? [inForceOnFrom] : []),
  ...versions.filter((v) => v.effectiveFrom > fromOn && v.effectiveFrom <= toOn),
];
