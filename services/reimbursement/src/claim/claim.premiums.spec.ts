import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { PremiumGranted } from '../premium/premium.events';
import type { UnitMovement } from '../service-period/unit-movements';
import type { VerificationReport } from '../verification/verification.events';
import { calculateClaim } from './claim.calculation';
import { withPremiums } from './claim.premiums';
import { serviceOf } from './claim.service';

const since2018: UnitMovement[] = [{ mouId: 'mou-1', kind: 'deployed', on: '2018-11-01' }];
const grant = (changes: Partial<PremiumGranted>): PremiumGranted => ({
  grantId: 'g-1',
  mouId: 'mou-1',
  kind: 'risk',
  pct: '10.00',
  fromOn: '2019-04-11',
  toOn: '2019-12-31',
  grantedOn: '2019-04-05',
  grantedBy: 'officer-a',
  reference: 'DOS/UCSD/2019/041',
  ...changes,
});
const premiums = (r: VerificationReport, grants: PremiumGranted[], ceiling = 850) => {
  const t = terms({ personnelCeiling: ceiling });
  const service = serviceOf(r, since2018, [t], 'calendar-days');
  const claim = withPremiums(calculateClaim(t, r, seededRates(), service), grants, service, r, t, '1428.00');
  return Object.fromEntries(
    claim.lines.filter((l) => l.key.startsWith('premium')).map((l) => [l.kind, l.amountUsd]),
  );
};

describe('resolution 67/261 premiums on the personnel line', () => {
  const rotation = report({
    strengthByDay: [
      { fromDay: 1, toDay: 10, strength: 850 },
      { fromDay: 11, toDay: 15, strength: 950 },
      { fromDay: 16, toDay: 30, strength: 700 },
    ],
  });

  it('pays each premium on the personnel pay of the days it covers', () =>
    expect(
      premiums(
        rotation,
        [grant({}), grant({ grantId: 'g-2', kind: 'key-enabler', pct: '15.00', fromOn: '2019-01-01' })],
        900,
      ),
    ).toEqual({
      // risk 10 % from 11 April: 900 × 5 + 700 × 15 = 15,000 person-days × 1,428 ÷ 30 = 714,000.00 × 10 % = 71,400.00
      PREMIUM_RISK: '71400.00',
      // key enabler 15 % all April: 23,500 person-days × 47.60 = 1,118,600.00 × 15 % = 167,790.00
      PREMIUM_KEY_ENABLER: '167790.00',
    }));

  it('rounds the exact amount once', () =>
    // days 1–7 at 800: 5,600 person-days × 47.60 = 266,560.00 × 3.33 % = 8,876.448 → 8,876.45
    expect(premiums(report(), [grant({ pct: '3.33', fromOn: '2019-03-01', toOn: '2019-04-07' })])).toEqual({
      PREMIUM_RISK: '8876.45',
    }));

  it('pays nothing in a month the grant does not reach', () =>
    expect(premiums(report(), [grant({ fromOn: '2019-05-01' })])).toEqual({}));
});
