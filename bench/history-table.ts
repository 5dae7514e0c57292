// Pure helpers of `npm run bench -- --history 10y --runs=3`: the spread of each row over the runs (min,
// median, max), the README's ten-year table (between `<!-- history:start -->` and `<!-- history:end -->`)
// and the `spread` of bench/results/latest.json. No I/O here.
import { median, roundValue, type BenchResult } from './bench-results';

export type Spread = { min: number; median: number; max: number };

export const spreadOf = (values: readonly number[]): Spread => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});

/** One result over the runs: the values of each run in order, and their spreads. */
export type SpreadRow = {
  name: string;
  unit: string;
  baseline: string;
  runs: { value: number; baselineValue: number; ratio: number }[];
  value: Spread;
  baselineValue: Spread;
  ratio: Spread;
};

/** Rows of every run by name, in the first run's order; a row missing from a run has fewer runs. */
export const spreadRows = (runs: readonly (readonly BenchResult[])[]): SpreadRow[] => {
  const names = [...new Set(runs.flatMap((run) => run.map((r) => r.name)))];
  return names.map((name) => {
    const found = runs.flatMap((run) => run.filter((r) => r.name === name));
    const first = found[0]!;
    const pick = (key: 'value' | 'baselineValue' | 'ratio') => spreadOf(found.map((r) => r[key]));
    return {
      name,
      unit: first.unit,
      baseline: first.baseline,
      runs: found.map((r) => ({ value: r.value, baselineValue: r.baselineValue, ratio: r.ratio })),
      value: pick('value'),
      baselineValue: pick('baselineValue'),
      ratio: pick('ratio'),
    };
  });
};

/** A value as the README writes it: whole numbers above 100 with thousands separators, else 3 digits. */
export const formatValue = (value: number): string => roundValue(value).toLocaleString('en-US');

/** `median (min–max)`, or the value alone when every run gave it. */
export const formatSpread = (spread: Spread, format: (v: number) => string = formatValue): string =>
  spread.min === spread.max
    ? format(spread.median)
    : `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;

/** Rows whose baseline is the same measure on the first year: their ten-year ÷ one-year growth. */
const isGrowth = (row: SpreadRow): boolean => row.baseline.endsWith('-1y') || row.baseline.endsWith('on-1y');

/** Ten years ÷ one year of a run, when the row compares them (the issue's target: under 2 for reports). */
export const growthOf = (row: SpreadRow): number[] | null =>
  isGrowth(row) ? row.runs.map((r) => r.value / r.baselineValue) : null;

const ratioText = (v: number): string => v.toFixed(2);

/** The README's table: one line per row, value and baseline as median (min–max), then each run's ratio. */
export const historyTable = (rows: readonly SpreadRow[]): string => {
  const header =
    '| result (ten years) | unit | median (min–max) | baseline | baseline median (min–max) | ratio per run | 10y ÷ 1y per run |';
  const lines = rows.map((row) => {
    const growth = growthOf(row);
    return `| ${[
      row.name,
      row.unit,
      formatSpread(row.value),
      row.baseline,
      formatSpread(row.baselineValue),
      row.runs.map((r) => ratioText(r.ratio)).join(', '),
      growth ? growth.map(ratioText).join(', ') : '',
    ].join(' | ')} |`;
  });
  return [header, '|---|---|---|---|---|---|---|', ...lines].join('\n');
};

/** `text` with what lies between the two marker lines replaced by `content`; both markers must be there. */
export const replaceBetween = (text: string, start: string, end: string, content: string): string => {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`markers ${start} … ${end} not found`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
};

export const HISTORY_MARKERS = { start: '<!-- history:start -->', end: '<!-- history:end -->' } as const;

const hhmm = (d: Date): string => d.toISOString().slice(11, 16);

/** The sentence above the table: how it was measured, when, and how long each run took. */
export const historyIntro = (started: Date, finished: Date, runSeconds: readonly number[]): string =>
  `\`npm run bench -- --history 10y --runs=${runSeconds.length}\` on ${started.toISOString().slice(0, 10)} ` +
  `from ${hhmm(started)} to ${hhmm(finished)} UTC: ${runSeconds.length} run(s) of ` +
  `${runSeconds.map((s) => `${Math.round(s)} s`).join(', ')}. Each cell: the median of the runs ` +
  `(min–max); ratio as in bench/results/latest.json (higher is better); 10y ÷ 1y: the ten-year ` +
  `value over the same on the first year, per run.`;
