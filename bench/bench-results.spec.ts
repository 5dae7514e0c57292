import {
  directionOf,
  formatTable,
  median,
  ratioOf,
  reportOf,
  resultOf,
  roundValue,
  verdictOf,
  type BenchResult,
} from './bench-results';
import { countNewlines } from './copy-out';

const machine = { cpus: 2, node: 'v20.20.2', postgres: '15.20', kafka: '3.9.1' };

describe('median', () => {
  it('takes the middle of an odd number of samples, whatever their order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5])).toBe(5);
  });

  it('averages the two middle samples of an even number', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and non-finite ones', () => {
    expect(() => median([])).toThrow();
    expect(() => median([1, Number.NaN])).toThrow();
  });
});

describe('ratioOf', () => {
  it('is value over baseline for throughputs', () => {
    expect(ratioOf(3900, 4100, 'higher-is-better')).toBeCloseTo(0.951, 3);
  });

  it('is baseline over value for latencies, so higher is better everywhere', () => {
    expect(ratioOf(2, 1, 'lower-is-better')).toBe(0.5);
    expect(ratioOf(1, 2, 'lower-is-better')).toBe(2);
  });

  it('refuses a zero denominator', () => {
    expect(() => ratioOf(1, 0, 'higher-is-better')).toThrow();
    expect(() => ratioOf(0, 1, 'lower-is-better')).toThrow();
  });

  it('infers the direction from the unit', () => {
    expect(directionOf('events/s')).toBe('higher-is-better');
    expect(directionOf('rows/s')).toBe('higher-is-better');
    expect(directionOf('ms')).toBe('lower-is-better');
  });
});

describe('resultOf', () => {
  it('compares the medians of the rounds and rounds the values', () => {
    const result = resultOf({
      name: 'append-8-writers',
      unit: 'events/s',
      baseline: 'raw-insert-8-clients',
      samples: [3800.4, 3900.2, 4000.9],
      baselineSamples: [4150.7, 4000, 4100.1],
    });
    expect(result).toEqual({
      name: 'append-8-writers',
      value: 3900,
      unit: 'events/s',
      baseline: 'raw-insert-8-clients',
      baselineValue: 4100,
      ratio: 0.951,
    });
  });

  it('turns latencies around: half the baseline’s time is ratio 2', () => {
    const result = resultOf({
      name: 'append-p99',
      unit: 'ms',
      baseline: 'raw-insert-p99',
      samples: [2.1, 2, 1.9],
      baselineSamples: [4, 4, 4],
    });
    expect(result.ratio).toBe(2);
  });

  it('keeps three significant digits of small values', () => {
    expect(roundValue(0.123456)).toBe(0.123);
    expect(roundValue(12.345)).toBe(12.3);
    expect(roundValue(1234.5)).toBe(1235);
  });
});

describe('reportOf', () => {
  const result: BenchResult = {
    name: 'append-8-writers',
    value: 3900,
    unit: 'events/s',
    baseline: 'raw-insert-8-clients',
    baselineValue: 4100,
    ratio: 0.951,
  };

  it('has exactly the shape of CONTRACT.md section 8', () => {
    const report = reportOf(
      machine,
      [{ ...result, extra: 'dropped' } as BenchResult],
      new Date('2026-11-20T10:00:00Z'),
    );
    expect(report).toEqual({
      when: '2026-11-20T10:00:00.000Z',
      machine: { cpus: 2, node: 'v20.20.2', postgres: '15.20', kafka: '3.9.1' },
      results: [result],
    });
    expect(Object.keys(report)).toEqual(['when', 'machine', 'results']);
    expect(Object.keys(report.results[0]!)).toEqual([
      'name',
      'value',
      'unit',
      'baseline',
      'baselineValue',
      'ratio',
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('targets', () => {
  const row = (name: string, ratio: number): BenchResult => ({
    name,
    value: 1,
    unit: 'events/s',
    baseline: 'b',
    baselineValue: 1,
    ratio,
  });

  it('meets an at-least target at the threshold and misses below it', () => {
    expect(verdictOf(row('a', 0.8), { a: { atLeast: 0.8 } })).toBe('met');
    expect(verdictOf(row('a', 0.79), { a: { atLeast: 0.8 } })).toBe('MISSED');
  });

  it('meets a below target only strictly below it (a competitor slower than us)', () => {
    expect(verdictOf(row('emmett:a', 0.99), { 'emmett:a': { below: 1 } })).toBe('met');
    expect(verdictOf(row('emmett:a', 1), { 'emmett:a': { below: 1 } })).toBe('MISSED');
  });

  it('prints one aligned line per result with its target and verdict', () => {
    const table = formatTable([row('a', 0.5), row('b', 1.25)], { a: { atLeast: 0.8 } }).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^a\s.*0\.50\s+>= 0\.8\s+MISSED$/);
    expect(table[3]).toMatch(/^b\s.*1\.25$/);
  });
});

describe('countNewlines (COPY rows)', () => {
  it('counts one row per newline, escaped newlines inside values excluded', () => {
    expect(countNewlines(Buffer.from('1\t{"a": "x\\ny"}\n2\t{}\n'))).toBe(2);
    expect(countNewlines(Buffer.alloc(0))).toBe(0);
  });
});
