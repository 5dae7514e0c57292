import type { BenchResult } from './bench-results';
import {
  formatSpread,
  growthOf,
  historyIntro,
  historyTable,
  replaceBetween,
  spreadOf,
  spreadRows,
} from './history-table';

const row = (
  name: string,
  value: number,
  baselineValue: number,
  ratio: number,
  baseline = 'plain-table-rows',
): BenchResult => ({
  name,
  value,
  unit: 'ms',
  baseline,
  baselineValue,
  ratio,
});

describe('spreadOf', () => {
  it('gives the smallest, the median and the largest of the runs, whatever their order', () => {
    expect(spreadOf([96.3, 38.7, 119])).toEqual({ min: 38.7, median: 96.3, max: 119 });
  });

  it('refuses no runs', () => {
    expect(() => spreadOf([])).toThrow();
  });
});

describe('spreadRows', () => {
  const runs = [
    [
      row('report-latency:payables', 961, 12, 0.012),
      row('report-growth:payables', 961, 170, 0.177, 'p99-on-1y'),
    ],
    [
      row('report-latency:payables', 554, 4, 0.007),
      row('report-growth:payables', 554, 105, 0.19, 'p99-on-1y'),
    ],
    [
      row('report-latency:payables', 1000, 8, 0.008),
      row('report-growth:payables', 1000, 418, 0.418, 'p99-on-1y'),
    ],
  ];

  it('keeps each run’s values in order and spreads value, baseline and ratio', () => {
    const [latency, growth] = spreadRows(runs);
    expect(latency).toEqual({
      name: 'report-latency:payables',
      unit: 'ms',
      baseline: 'plain-table-rows',
      runs: [
        { value: 961, baselineValue: 12, ratio: 0.012 },
        { value: 554, baselineValue: 4, ratio: 0.007 },
        { value: 1000, baselineValue: 8, ratio: 0.008 },
      ],
      value: { min: 554, median: 961, max: 1000 },
      baselineValue: { min: 4, median: 8, max: 12 },
      ratio: { min: 0.007, median: 0.008, max: 0.012 },
    });
    expect(growth!.value).toEqual({ min: 554, median: 961, max: 1000 });
  });

  it('gives ten years over one year per run only for rows measured against the first year', () => {
    const [latency, growth] = spreadRows(runs);
    expect(growthOf(latency!)).toBeNull();
    expect(growthOf(growth!)!.map((g) => g.toFixed(2))).toEqual(['5.65', '5.28', '2.39']);
  });

  it('keeps a row that one run lacks, with the runs that have it', () => {
    const [only] = spreadRows([[row('a', 1, 2, 2)], [], [row('a', 3, 2, 0.667)]]);
    expect(only!.runs).toHaveLength(2);
    expect(only!.value).toEqual({ min: 1, median: 2, max: 3 });
  });
});

describe('historyTable', () => {
  it('writes median (min–max) of value and baseline, each run’s ratio and growth', () => {
    const rows = spreadRows([
      [
        row('report-growth:mou-backlog', 56.3, 54.5, 0.968, 'p99-on-1y'),
        row('resident-memory', 276, 257, 0.931, 'resident-memory-1y'),
      ],
      [
        row('report-growth:mou-backlog', 119, 121, 1.017, 'p99-on-1y'),
        row('resident-memory', 276, 257, 0.931, 'resident-memory-1y'),
      ],
      [
        row('report-growth:mou-backlog', 38.7, 52.8, 1.364, 'p99-on-1y'),
        row('resident-memory', 276, 257, 0.931, 'resident-memory-1y'),
      ],
    ]);
    expect(historyTable(rows).split('\n')).toEqual([
      '| result (ten years) | unit | median (min–max) | baseline | baseline median (min–max) | ratio per run | 10y ÷ 1y per run |',
      '|---|---|---|---|---|---|---|',
      '| report-growth:mou-backlog | ms | 56.3 (38.7–119) | p99-on-1y | 54.5 (52.8–121) | 0.97, 1.02, 1.36 | 1.03, 0.98, 0.73 |',
      '| resident-memory | ms | 276 | resident-memory-1y | 257 | 0.93, 0.93, 0.93 | 1.07, 1.07, 1.07 |',
    ]);
  });

  it('writes thousands with separators', () => {
    expect(formatSpread({ min: 1383.2, median: 2000, max: 12215 })).toBe('2,000 (1,383–12,215)');
  });
});

describe('historyIntro', () => {
  it('says how many runs, when, and how long each took', () => {
    expect(
      historyIntro(new Date('2026-12-04T14:01:00Z'), new Date('2026-12-04T14:31:30Z'), [600.4, 590, 610]),
    ).toMatch(
      /^`npm run bench -- --history 10y --runs=3` on 2026-12-04 from 14:01 to 14:31 UTC: 3 run\(s\) of 600 s, 590 s, 610 s\./,
    );
  });
});

describe('replaceBetween', () => {
  const text = 'before\n<!-- history:start -->\nold table\n<!-- history:end -->\nafter\n';

  it('replaces what lies between the markers and keeps the rest', () => {
    expect(replaceBetween(text, '<!-- history:start -->', '<!-- history:end -->', 'new table')).toBe(
      'before\n<!-- history:start -->\nnew table\n<!-- history:end -->\nafter\n',
    );
  });

  it('gives the same text when run twice', () => {
    const once = replaceBetween(text, '<!-- history:start -->', '<!-- history:end -->', 'new');
    expect(replaceBetween(once, '<!-- history:start -->', '<!-- history:end -->', 'new')).toBe(once);
  });

  it('refuses a text without its markers', () => {
    expect(() =>
      replaceBetween('no markers', '<!-- history:start -->', '<!-- history:end -->', 'x'),
    ).toThrow();
  });
});
