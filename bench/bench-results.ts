// Pure helpers of `npm run bench`: medians, ratios, the report written to bench/results/latest.json
// (CONTRACT.md section 8) and the table printed on the console. No I/O here.

export type Direction = 'higher-is-better' | 'lower-is-better';

export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
};

export type MachineInfo = { cpus: number; node: string; postgres: string; kafka: string };

export type BenchReport = { when: string; machine: MachineInfo; results: BenchResult[] };

/** Latencies and durations: smaller is better. */
const LATENCY_UNITS = new Set(['ns', 'us', 'µs', 'ms', 's']);

export const directionOf = (unit: string): Direction =>
  LATENCY_UNITS.has(unit) ? 'lower-is-better' : 'higher-is-better';

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  if (values.some((v) => !Number.isFinite(v))) throw new Error('median of a non-finite value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** value ÷ baseline for throughputs, baseline ÷ value for latencies: above 1 means better than the baseline. */
export const ratioOf = (value: number, baselineValue: number, direction: Direction): number => {
  const [numerator, denominator] =
    direction === 'higher-is-better' ? [value, baselineValue] : [baselineValue, value];
  if (!(denominator > 0)) throw new Error(`cannot compare ${value} with ${baselineValue}`);
  return numerator / denominator;
};

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Rounds a measured value sensibly: whole numbers above 100, three significant digits below. */
export const roundValue = (value: number): number =>
  Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));

/**
 * One result row from the per-round measurements of the subject and its baseline: the medians of both,
 * and the ratio of the two (rounded) medians, so the row is consistent with itself.
 */
export const resultOf = (spec: {
  name: string;
  unit: string;
  baseline: string;
  samples: readonly number[];
  baselineSamples: readonly number[];
  direction?: Direction;
}): BenchResult => {
  const value = roundValue(median(spec.samples));
  const baselineValue = roundValue(median(spec.baselineSamples));
  const direction = spec.direction ?? directionOf(spec.unit);
  return {
    name: spec.name,
    value,
    unit: spec.unit,
    baseline: spec.baseline,
    baselineValue,
    ratio: round(ratioOf(value, baselineValue, direction), 3),
  };
};

export const reportOf = (machine: MachineInfo, results: BenchResult[], when: Date): BenchReport => ({
  when: when.toISOString(),
  machine: { cpus: machine.cpus, node: machine.node, postgres: machine.postgres, kafka: machine.kafka },
  results: results.map((r) => ({
    name: r.name,
    value: r.value,
    unit: r.unit,
    baseline: r.baseline,
    baselineValue: r.baselineValue,
    ratio: r.ratio,
  })),
});

/**
 * What the team committed to per result: a ratio of at least `atLeast` against the baseline, or (for a
 * competitor measured against us) a ratio below `below`, i.e. ours is faster.
 */
export type Target = { atLeast: number } | { below: number };
export type Targets = Record<string, Target>;

export type Verdict = 'met' | 'MISSED' | '';

export const verdictOf = (result: BenchResult, targets: Targets): Verdict => {
  const target = targets[result.name];
  if (target === undefined) return '';
  const met = 'atLeast' in target ? result.ratio >= target.atLeast : result.ratio < target.below;
  return met ? 'met' : 'MISSED';
};

const describeTarget = (target: Target | undefined): string =>
  target === undefined ? '' : 'atLeast' in target ? `>= ${target.atLeast}` : `< ${target.below}`;

/** The console table: one line per result, numbers right-aligned. */
export const formatTable = (results: BenchResult[], targets: Targets = {}): string => {
  const header = ['result', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'target', ''];
  const rows = results.map((r) => [
    r.name,
    r.value.toLocaleString('en-US'),
    r.unit,
    r.baseline,
    r.baselineValue.toLocaleString('en-US'),
    r.ratio.toFixed(2),
    describeTarget(targets[r.name]),
    verdictOf(r, targets),
  ]);
  const numeric = new Set([1, 4, 5]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};
