// How a workload is timed: concurrent workers looping for a fixed time, or one timed job; rounds that
// alternate the subjects (baseline, ours, competitor) so machine noise hits all of them alike.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Work = { units: number; seconds: number };

/**
 * A full garbage collection, run before a timed job's clock starts: the garbage of its untimed setup
 * (creating an app, publishing its topics) and of the subjects before it is then not collected on its
 * clock. Every subject gets it alike. Benchmark harnesses do the same with `--expose-gc`; the flag is
 * set here at run time, so `npm run bench` needs no node option.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

/** Units done (events, rows) by `workers` concurrent loops of `op` for `durationMs`, and the time taken. */
export const throughput = async (
  workers: number,
  durationMs: number,
  op: (worker: number, iteration: number) => Promise<number>,
): Promise<Work> => {
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async (worker: number): Promise<number> => {
    let units = 0;
    for (let i = 0; performance.now() < deadline; i++) units += await op(worker, i);
    return units;
  };
  const units = await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  const seconds = (performance.now() - started) / 1000;
  return { units: units.reduce((a, b) => a + b, 0), seconds };
};

/** Units per second of one job that resolves to the units it did. */
export const timed = async (
  job: () => Promise<number>,
): Promise<{ rate: number; units: number; ms: number }> => {
  collectGarbage();
  const started = performance.now();
  const units = await job();
  const ms = performance.now() - started;
  return { rate: units / (ms / 1000), units, ms };
};

export type Subject = {
  name: string;
  /** One measurement: a rate (units per second). */
  measure(round: number): Promise<number>;
};

/**
 * Runs every subject once per round, rotating which goes first, and returns each subject's samples.
 * `onSample` reports progress.
 */
export const rounds = async (
  subjects: Subject[],
  count: number,
  onSample: (subject: string, round: number, rate: number) => void = () => undefined,
): Promise<Map<string, number[]>> => {
  const samples = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < count; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(round + k) % subjects.length]!;
      const rate = await subject.measure(round);
      samples.get(subject.name)!.push(rate);
      onSample(subject.name, round, rate);
    }
  }
  return samples;
};

export type SlicedSubject = {
  name: string;
  /** Works for about `ms` and reports what it did. */
  run(ms: number): Promise<Work>;
};

/**
 * For continuous workloads: each round is cut into `slices` short turns per subject, in rotating order, so
 * a burst of load from elsewhere on the machine lands on every subject alike. A round's sample is the
 * subject's units over its own time in that round.
 */
export const interleavedRounds = async (
  subjects: SlicedSubject[],
  count: number,
  slices: number,
  sliceMs: number,
  onSample: (subject: string, round: number, rate: number) => void = () => undefined,
): Promise<Map<string, number[]>> => {
  const samples = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < count; round++) {
    const work = new Map<string, Work>(subjects.map((s) => [s.name, { units: 0, seconds: 0 }]));
    for (let slice = 0; slice < slices; slice++) {
      for (let k = 0; k < subjects.length; k++) {
        const subject = subjects[(round * slices + slice + k) % subjects.length]!;
        const done = await subject.run(sliceMs);
        const total = work.get(subject.name)!;
        total.units += done.units;
        total.seconds += done.seconds;
      }
    }
    for (const subject of subjects) {
      const { units, seconds } = work.get(subject.name)!;
      samples.get(subject.name)!.push(units / seconds);
      onSample(subject.name, round, units / seconds);
    }
  }
  return samples;
};
