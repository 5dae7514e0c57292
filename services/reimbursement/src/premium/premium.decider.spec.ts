import { deciderSpec } from '@coe/event-store/testing';
import type { InForce } from '../rate-table/rate-table.in-force';
import { type GrantPremium, premiumDecider } from './premium.decider';
import type { PremiumEvent, PremiumGranted } from './premium.events';

const given = deciderSpec(premiumDecider);

const caps = (riskMaxPct: string, keyEnablerMaxPct = '15.00', version = 1): InForce<'premium-caps'> => ({
  tableId: 'premium-caps',
  version,
  effectiveFrom: '2013-07-01',
  values: { kind: 'premium-caps', riskMaxPct, keyEnablerMaxPct },
});
const grant = (changes: Partial<PremiumGranted> = {}): PremiumGranted => ({
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
const grantCommand = (
  changes: Partial<PremiumGranted> = {},
  capVersions = [caps('10.00')],
): GrantPremium => ({
  type: 'GrantPremium',
  data: grant(changes),
  caps: capVersions,
});
const granted = (changes: Partial<PremiumGranted> = {}): PremiumEvent => ({
  type: 'PremiumGranted',
  data: grant(changes),
  effectiveOn: changes.grantedOn ?? '2019-04-05',
});

describe('Premiums of a unit', () => {
  it('grants a risk premium up to the cap in force', () => given([]).when(grantCommand()).then([granted()]));

  it('grants a key-enabler premium beside a risk premium for the same days', () =>
    given([granted()])
      .when(grantCommand({ grantId: 'g-2', kind: 'key-enabler', pct: '15.00' }))
      .then([granted({ grantId: 'g-2', kind: 'key-enabler', pct: '15.00' })]));

  it('takes the same grant sent again as a retry', () => given([granted()]).when(grantCommand()).then([]));

  it('refuses a premium above the cap', () =>
    given([])
      .when(grantCommand({ pct: '10.01' }))
      .thenThrows('PREMIUM_ABOVE_CAP'));

  it('refuses a premium above a lower cap that comes into force during its period', () =>
    given([])
      .when(grantCommand({}, [caps('10.00'), caps('8.00', '15.00', 2)]))
      .thenThrows('PREMIUM_ABOVE_CAP'));

  it('refuses a second premium of the same kind for overlapping days', () =>
    given([granted()])
      .when(grantCommand({ grantId: 'g-2', pct: '5.00', fromOn: '2019-12-31', toOn: '2020-03-31' }))
      .thenThrows('PREMIUM_OVERLAPS'));

  it('refuses a period that ends before it starts', () =>
    given([])
      .when(grantCommand({ toOn: '2019-04-10' }))
      .thenThrows('INVALID_PREMIUM_PERIOD'));
});
