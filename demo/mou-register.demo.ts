import { addDays, seededRandom, type Random } from './random';

// The legacy MOU register of the demo (CONTRACT.md 4.1), built to reproduce the 2019 report to the
// General Assembly (DOMAIN.md): at 2019-10-31, 356 deployed units of which exactly 13 await signature,
// and average days from deployment to full signature of 646 (2017), 600 (2018) and 375 (2019).

export const BACKLOG_AS_OF = '2019-10-31';
export const DAYS_TARGETS = { 2017: 646, 2018: 600, 2019: 375 } as const;
export const EXPECTED = {
  deployedUnits: 356,
  pendingSignature: 13,
  pendingSignatureBeforeDeployment: 4,
} as const;

export type RegisterRow = {
  mou_ref: string;
  mission: string;
  contributor: string;
  unit: string;
  unit_type: string;
  personnel: number;
  negotiation_opened: string;
  deployed_on?: string;
  repatriated_on?: string;
  signed_by_contributor?: string;
  signed_by_un?: string;
};

const MISSIONS = [
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
];
const MISSION_WEIGHTS = [18, 16, 16, 15, 13, 10, 5, 3, 3, 1];
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
  'MYS',
  'URY',
  'FRA',
  'ITA',
  'JOR',
  'TCD',
  'NER',
];
const UNIT_TYPES: [string, number][] = [
  ['INF', 850],
  ['MECH-INF', 750],
  ['FPU', 140],
  ['ENG', 275],
  ['MED', 65],
  ['AVN', 120],
  ['SIG', 90],
  ['LOG', 180],
  ['MP', 45],
  ['EOD', 40],
  ['RECCE', 150],
  ['TPT', 100],
  ['MAR', 110],
];

const weighted = (random: Random): string => {
  const total = MISSION_WEIGHTS.reduce((a, b) => a + b, 0);
  let roll = random.next() * total;
  for (let i = 0; i < MISSIONS.length; i++) {
    roll -= MISSION_WEIGHTS[i]!;
    if (roll < 0) return MISSIONS[i]!;
  }
  return MISSIONS[0]!;
};

const dayIn = (random: Random, from: string, to: string): string => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, random.int(0, span));
};

/** n day counts whose mean is exactly `mean`: pairs mirrored around it (and the mean itself when n is odd). */
const daysWithMean = (random: Random, n: number, mean: number, spread: number): number[] => {
  const days: number[] = n % 2 === 1 ? [mean] : [];
  while (days.length < n) {
    const d = random.int(0, spread);
    days.push(mean - d, mean + d);
  }
  return days;
};

type Dates = Omit<RegisterRow, 'mou_ref' | 'mission' | 'contributor' | 'unit' | 'unit_type' | 'personnel'>;

/** Either party may sign first; the later signature is the day the MOU was fully signed. */
const signatures = (
  random: Random,
  fullySignedOn: string,
  opened: string,
): Pick<Dates, 'signed_by_contributor' | 'signed_by_un'> => {
  const earlier = addDays(fullySignedOn, -random.int(0, 45));
  const first = earlier < opened ? opened : earlier;
  return random.next() < 0.5
    ? { signed_by_contributor: first, signed_by_un: fullySignedOn }
    : { signed_by_contributor: fullySignedOn, signed_by_un: first };
};

const signedAfterDeployment = (random: Random, fullySignedOn: string, days: number): Dates => {
  const deployed = addDays(fullySignedOn, -days);
  const opened = addDays(deployed, -random.int(20, 150));
  return { negotiation_opened: opened, deployed_on: deployed, ...signatures(random, fullySignedOn, opened) };
};

export const buildMouRegister = (): RegisterRow[] => {
  const random = seededRandom(2019);
  const dates: Dates[] = [];
  const signedIn = (year: 2017 | 2018 | 2019, n: number, spread: number) => {
    const last = year === 2019 ? BACKLOG_AS_OF : `${year}-12-31`;
    for (const days of daysWithMean(random, n, DAYS_TARGETS[year], spread)) {
      dates.push(signedAfterDeployment(random, dayIn(random, `${year}-01-01`, last), days));
    }
  };
  signedIn(2017, 30, 500);
  signedIn(2018, 30, 450);
  signedIn(2019, 41, 300);
  // units signed in earlier years and still deployed
  for (let i = 0; i < 242; i++)
    dates.push(
      signedAfterDeployment(random, dayIn(random, '2011-01-01', '2016-12-31'), random.int(150, 900)),
    );
  // units that went home before the report's date: not counted as deployed
  for (let i = 0; i < 20; i++) {
    const row = signedAfterDeployment(
      random,
      dayIn(random, '2011-01-01', '2016-06-30'),
      random.int(150, 900),
    );
    dates.push({ ...row, repatriated_on: dayIn(random, '2017-01-01', '2019-09-30') });
  }
  // the 13 deployed units whose MOU was not signed by both parties on 2019-10-31
  for (let i = 0; i < 13; i++) {
    const deployed = dayIn(random, '2018-06-01', '2019-10-15');
    const opened = addDays(deployed, -random.int(20, 150));
    const oneSigned = addDays(deployed, random.int(1, 10));
    const later = i % 2 === 0 ? { fully: dayIn(random, '2020-01-15', '2020-09-30') } : null;
    const partial: Dates =
      i < 5
        ? {
            negotiation_opened: opened,
            deployed_on: deployed,
            signed_by_contributor: oneSigned,
            ...(later ? { signed_by_un: later.fully } : {}),
          }
        : i < 8
          ? {
              negotiation_opened: opened,
              deployed_on: deployed,
              signed_by_un: oneSigned,
              ...(later ? { signed_by_contributor: later.fully } : {}),
            }
          : { negotiation_opened: opened, deployed_on: deployed };
    dates.push(partial);
  }
  // negotiations open for units not yet deployed on 2019-10-31
  for (let i = 0; i < 4; i++) {
    const opened = dayIn(random, '2019-06-01', '2019-10-20');
    dates.push({ negotiation_opened: opened, deployed_on: dayIn(random, '2019-11-05', '2019-12-20') });
  }

  const numbers = new Map<string, number>();
  return dates.map((d) => {
    const mission = weighted(random);
    const contributor = random.pick(CONTRIBUTORS);
    const [unitType, personnel] = random.pick(UNIT_TYPES);
    const key = `${mission}/${contributor}`;
    const nn = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, nn);
    const office = d.negotiation_opened < '2019-01-01' ? 'DFS' : 'DOS'; // DOS succeeded DFS in 2019
    return {
      mou_ref: `${office}/${mission}/${contributor}/${String(nn).padStart(2, '0')}`,
      mission,
      contributor,
      unit: `${contributor} ${unitType} unit ${nn} (${mission})`,
      unit_type: unitType,
      personnel,
      ...d,
    };
  });
};

const COLUMNS: (keyof RegisterRow)[] = [
  'mou_ref',
  'mission',
  'contributor',
  'unit',
  'unit_type',
  'personnel',
  'negotiation_opened',
  'deployed_on',
  'repatriated_on',
  'signed_by_contributor',
  'signed_by_un',
];

export const toCsv = <Row extends Record<string, unknown>>(columns: (keyof Row)[], rows: Row[]): string =>
  [columns.join(','), ...rows.map((row) => columns.map((c) => String(row[c] ?? '')).join(','))].join('\n') +
  '\n';

export const mouRegisterCsv = (): string => toCsv(COLUMNS, buildMouRegister());
