import { toCsv } from './mou-register.demo';
import { seededRandom } from './random';

// Certified claims and payments of the demo (CONTRACT.md 4.2, 4.3), built so that at 2019-03-31 the UN
// owes contributors $265M for active missions, India $38M, Rwanda $31M, Pakistan $28M, Bangladesh $25M
// and Nepal $23M the five largest (A/73/809). Amounts are integer cents until they are written out.

export const PAYABLES_AS_OF = '2019-03-31';

/** Outstanding at PAYABLES_AS_OF, in whole dollars; the rest of the $265M spread over other contributors. */
export const OUTSTANDING_TARGETS: Record<string, number> = {
  IND: 38_000_000,
  RWA: 31_000_000,
  PAK: 28_000_000,
  BGD: 25_000_000,
  NPL: 23_000_000,
  ETH: 20_500_000,
  EGY: 14_000_000,
  GHA: 12_250_000,
  IDN: 11_000_000,
  SEN: 10_000_000,
  TZA: 9_000_000,
  NGA: 8_000_000,
  CHN: 6_750_000,
  MAR: 6_000_000,
  TGO: 5_000_000,
  BFA: 4_500_000,
  ZMB: 4_000_000,
  KEN: 3_500_000,
  MYS: 3_000_000,
  URY: 2_500_000,
};
export const TOTAL_OUTSTANDING = 265_000_000;

const MISSIONS_OF: Record<string, string[]> = {
  IND: ['MONUSCO', 'UNMISS', 'UNIFIL'],
  RWA: ['UNMISS', 'MINUSCA', 'UNAMID'],
  PAK: ['MONUSCO', 'MINUSCA', 'UNAMID'],
  BGD: ['MINUSMA', 'UNMISS', 'MONUSCO'],
  NPL: ['UNIFIL', 'UNMISS', 'MINUSCA'],
  ETH: ['UNISFA', 'UNMISS', 'UNAMID'],
  EGY: ['MINUSMA', 'MINUSCA'],
  GHA: ['UNIFIL', 'UNMISS'],
  IDN: ['UNIFIL', 'MONUSCO'],
  SEN: ['MINUSMA', 'UNAMID'],
  TZA: ['MONUSCO', 'UNAMID'],
  NGA: ['UNAMID', 'UNMISS'],
  CHN: ['UNMISS', 'MINUSMA'],
  MAR: ['MINUSCA', 'MONUSCO'],
  TGO: ['MINUSMA'],
  BFA: ['MINUSMA'],
  ZMB: ['MINUSCA'],
  KEN: ['UNMISS'],
  MYS: ['UNIFIL'],
  URY: ['MONUSCO'],
};

const CATEGORIES = ['personnel', 'major_equipment', 'self_sustainment'] as const;
const SHARE = { personnel: 0.55, major_equipment: 0.3, self_sustainment: 0.15 } as const;

export type ClaimRow = {
  claim_ref: string;
  mission: string;
  contributor: string;
  category: string;
  period: string;
  amount: string;
  certified_on: string;
};
export type PaymentRow = {
  payment_ref: string;
  mission: string;
  contributor: string;
  amount: string;
  paid_on: string;
  claim_ref?: string;
};

export const usd = (cents: number): string =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let [y, m] = from.split('-').map(Number) as [number, number];
    `${y}-${String(m).padStart(2, '0')}` <= to;
    m === 12 ? ((m = 1), y++) : m++
  ) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
};

/** Claims are certified about two months after the month served. */
const certifiedOnFor = (period: string, day: number): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const month = m + 2 > 12 ? m - 10 : m + 2;
  const year = m + 2 > 12 ? y + 1 : y;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

const PAYMENT_DATES = ['2017-12-20', '2018-03-28', '2018-06-27', '2018-09-26', '2018-12-19', '2019-03-27'];

export const buildPayables = (): { claims: ClaimRow[]; payments: PaymentRow[] } => {
  const random = seededRandom(73_809);
  const claims: ClaimRow[] = [];
  const payments: PaymentRow[] = [];
  for (const [contributor, target] of Object.entries(OUTSTANDING_TARGETS)) {
    const missions = MISSIONS_OF[contributor]!;
    // months served Jul 2017 – Jan 2019 are certified by 2019-03-31; later months after it
    const monthlyCents = Math.round((target * 100 * 2.4) / (19 * missions.length));
    const open: { ref: string; mission: string; certifiedOn: string; cents: number }[] = [];
    for (const mission of missions) {
      for (const period of months('2017-07', '2019-06')) {
        const certifiedOn = certifiedOnFor(period, random.int(3, 25));
        for (const category of CATEGORIES) {
          const cents = Math.round(monthlyCents * SHARE[category] * (0.85 + random.next() * 0.3));
          const ref = `CLM/${mission}/${contributor}/${period}/${category.slice(0, 3).toUpperCase()}`;
          claims.push({
            claim_ref: ref,
            mission,
            contributor,
            category,
            period,
            amount: usd(cents),
            certified_on: certifiedOn,
          });
          if (certifiedOn <= PAYABLES_AS_OF) open.push({ ref, mission, certifiedOn, cents });
        }
      }
    }
    // pay each mission's oldest claims at each quarterly payment, until the outstanding total is the target
    const certifiedByAsOf = open.reduce((sum, c) => sum + c.cents, 0);
    let toPay = certifiedByAsOf - target * 100;
    const perMission = new Map(missions.map((m) => [m, open.filter((c) => c.mission === m)]));
    PAYMENT_DATES.forEach((paidOn, round) => {
      for (const mission of missions) {
        const payable = perMission.get(mission)!.filter((c) => c.certifiedOn <= paidOn);
        const settleable = payable.reduce((sum, c) => sum + c.cents, 0);
        const lastRound = round === PAYMENT_DATES.length - 1;
        const share = lastRound ? 1 : 0.55 + random.next() * 0.25;
        let cents = Math.min(settleable, Math.round(settleable * share), toPay);
        if (lastRound && mission === missions.at(-1)) cents = Math.min(settleable, toPay);
        if (cents <= 0) continue;
        toPay -= cents;
        payments.push({
          payment_ref: `PAY/${paidOn}/${mission}/${contributor}`,
          mission,
          contributor,
          amount: usd(cents),
          paid_on: paidOn,
        });
        // FIFO inside the mission, as the import allocates it
        let left = cents;
        for (const claim of payable) {
          const used = Math.min(claim.cents, left);
          claim.cents -= used;
          left -= used;
        }
        perMission.set(
          mission,
          payable
            .filter((c) => c.cents > 0)
            .concat(perMission.get(mission)!.filter((c) => c.certifiedOn > paidOn)),
        );
      }
    });
    if (toPay !== 0) throw new Error(`demo payables for ${contributor} are off by ${toPay} cents`);
  }
  return { claims, payments };
};

export const certifiedClaimsCsv = (claims: ClaimRow[]): string =>
  toCsv<ClaimRow>(
    ['claim_ref', 'mission', 'contributor', 'category', 'period', 'amount', 'certified_on'],
    claims,
  );
export const paymentsCsv = (payments: PaymentRow[]): string =>
  toCsv<PaymentRow>(['payment_ref', 'mission', 'contributor', 'amount', 'paid_on', 'claim_ref'], payments);
