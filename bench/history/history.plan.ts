// The plan of a seeded, realistic history of peacekeeping units (pure: no I/O), which history.load.ts
// sends through the public routes: 15 missions, 600 units with their MOUs (the legacy register),
// personnel amendments, a verification report for every unit and month it served, corrections, credits,
// quarterly assessments and payment runs. The same seed gives the same plan on every machine; a shorter
// history (`months` below 120) is the same plan cut at its end, so one year and ten years compare.
import { addDays, seededRandom } from '../../demo/random';

/** Bump when the plan or the loader changes what is stored: a database holding another version is reloaded. */
export const HISTORY_VERSION = 'history-1';
export const HISTORY_START = '2015-01';
export const HISTORY_SEED = 20150101;

export const MISSIONS = [
  'MINUSMA',
  'MONUSCO',
  'UNMISS',
  'MINUSCA',
  'UNIFIL',
  'UNAMID',
  'UNISFA',
  'UNFICYP',
  'UNDOF',
  'MINURSO',
  'MINUSTAH',
  'UNMIL',
  'UNOCI',
  'UNMIK',
  'UNTSO',
] as const;
const CONTRIBUTORS = [
  'BGD',
  'IND',
  'PAK',
  'NPL',
  'RWA',
  'ETH',
  'EGY',
  'IDN',
  'GHA',
  'CHN',
  'SEN',
  'TZA',
  'NGA',
  'MAR',
  'TGO',
  'BFA',
  'ZMB',
  'KEN',
  'URY',
  'BRA',
];
const UNIT_TYPES = [
  { type: 'INF', name: 'infantry battalion', personnel: [650, 850] },
  { type: 'ENG', name: 'engineer company', personnel: [150, 275] },
  { type: 'FPU', name: 'formed police unit', personnel: [120, 160] },
  { type: 'MED', name: 'level II hospital', personnel: [60, 90] },
  { type: 'AVN', name: 'aviation unit', personnel: [80, 140] },
] as const;

export type PlannedUnit = {
  mouRef: string;
  mission: string;
  contributor: string;
  unit: string;
  unitType: string;
  personnel: number;
  negotiationOpened: string;
  deployedOn: string;
  repatriatedOn?: string;
  signedByContributor?: string;
  signedByUn?: string;
  /** A personnel amendment signed by both parties, effective on `effectiveOn`. */
  amendment?: { proposedOn: string; effectiveOn: string; signedOn: string; personnelCeiling: number };
};

export type HistoryPlan = { months: string[]; units: PlannedUnit[] };

/** `2015-01` plus n months. */
export const periodAt = (n: number, start = HISTORY_START): string => {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
};
export const firstDay = (period: string): string => `${period}-01`;
export const lastDay = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
/** A day of the month after `period`. */
export const dayAfter = (period: string, day: number): string =>
  `${periodAt(1, period)}-${String(day).padStart(2, '0')}`;
export const quarterOf = (period: string): string =>
  `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;

/** What a history of `months` months (from 2015-01) holds; dates after its end are left out. */
export const planHistory = (months: number, units = 600, seed = HISTORY_SEED): HistoryPlan => {
  const random = seededRandom(seed);
  const periods = Array.from({ length: months }, (_, i) => periodAt(i));
  // every unit of the full ten years, drawn in the same order whatever `months` is
  const end = lastDay(periodAt(119));
  const serials = new Map<string, number>();
  const all: PlannedUnit[] = [];
  for (let i = 0; i < units; i++) {
    const mission = MISSIONS[i % MISSIONS.length]!;
    const contributor = random.pick(CONTRIBUTORS);
    const kind = random.pick(UNIT_TYPES);
    const key = `${mission}/${contributor}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    // a third of the units were there when the decade starts; the others arrive through it
    const deployedOn =
      i % 3 === 0 ? addDays('2014-07-01', random.int(0, 180)) : addDays('2015-01-01', random.int(0, 2900));
    const negotiationOpened = addDays(deployedOn, -random.int(20, 200));
    const serves = random.int(30, 120) * 30;
    const repatriatedOn = addDays(deployedOn, serves);
    const unsigned = random.next() < 0.04;
    const signedByContributor = unsigned ? undefined : addDays(negotiationOpened, random.int(60, 520));
    const signedByUn = signedByContributor && addDays(signedByContributor, random.int(5, 120));
    const personnel = random.int(kind.personnel[0], kind.personnel[1]);
    const amended = signedByUn !== undefined && random.next() < 0.2;
    const proposedOn = signedByUn && addDays(signedByUn, random.int(90, 700));
    all.push({
      mouRef: `DOS/${mission}/${contributor}/${String(serial).padStart(2, '0')}`,
      mission,
      contributor,
      unit: `${contributor} ${kind.name} ${serial}`,
      unitType: kind.type,
      personnel,
      negotiationOpened,
      deployedOn,
      ...(repatriatedOn < end ? { repatriatedOn } : {}),
      ...(signedByContributor !== undefined ? { signedByContributor } : {}),
      ...(signedByUn !== undefined ? { signedByUn } : {}),
      ...(amended && proposedOn
        ? {
            amendment: {
              proposedOn,
              effectiveOn: addDays(proposedOn, 45),
              signedOn: addDays(proposedOn, random.int(10, 40)),
              personnelCeiling: personnel + random.int(-40, 60),
            },
          }
        : {}),
    });
  }
  return { months: periods, units: all.flatMap((u) => cut(u, lastDay(periods.at(-1)!))) };
};

/** The unit as known at the end of the history: later dates dropped, a unit not yet in talks left out. */
const cut = (unit: PlannedUnit, end: string): PlannedUnit[] => {
  if (unit.negotiationOpened > end) return [];
  const { repatriatedOn, signedByContributor, signedByUn, amendment, deployedOn, ...rest } = unit;
  const deployed = deployedOn <= end;
  return [
    {
      ...rest,
      deployedOn,
      ...(deployed ? {} : { deployedOn: '' }),
      ...(repatriatedOn && repatriatedOn <= end ? { repatriatedOn } : {}),
      ...(signedByContributor && signedByContributor <= end ? { signedByContributor } : {}),
      ...(signedByUn && signedByUn <= end ? { signedByUn } : {}),
      ...(amendment && amendment.signedOn <= end && signedByUn && signedByUn <= end ? { amendment } : {}),
    },
  ];
};

/** Whether the unit served at least one day of the month. */
export const servedIn = (unit: PlannedUnit, period: string): boolean =>
  unit.deployedOn !== '' &&
  unit.deployedOn <= lastDay(period) &&
  (unit.repatriatedOn === undefined || unit.repatriatedOn >= firstDay(period));

/** The strength a month's verification report gives: a few short of the ceiling, drawn per unit and month. */
export const strengthOf = (unit: PlannedUnit, period: string, seed = HISTORY_SEED): number => {
  const random = seededRandom(seed ^ hash(`${unit.mouRef}|${period}`));
  const ceiling =
    unit.amendment && unit.amendment.effectiveOn <= firstDay(period)
      ? unit.amendment.personnelCeiling
      : unit.personnel;
  return Math.max(1, ceiling - random.int(0, Math.ceil(ceiling * 0.05)));
};

/** A deterministic draw in [0, 1) for a unit and month (corrections, credits). */
export const drawFor = (key: string, seed = HISTORY_SEED): number => seededRandom(seed ^ hash(key)).next();

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};
