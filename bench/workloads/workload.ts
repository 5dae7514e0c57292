import type { BenchResult } from '../bench-results';

export type Settings = {
  quick: boolean;
  /** Measurements per subject; each result is the median. */
  rounds: number;
  /** Unmeasured run of each subject before the rounds. */
  warmupMs: number;
  /** Time of one subject in one round of an append workload... */
  durationMs: number;
  /** ...cut into this many turns, interleaved with the other subjects' turns. */
  slices: number;
  /** Events prefilled for read-all. */
  readEvents: number;
  /** Events prefilled for relay-to-kafka. */
  relayEvents: number;
};

export type BenchContext = {
  databaseUrl: string;
  kafkaBrokers: string[];
  settings: Settings;
  log(message: string): void;
  /** `--history 10y --only=report-latency,audit-state-as-of`: the history's rows to measure (all by default). */
  historyOnly?: string[];
};

export type Workload = { id: string; run(context: BenchContext): Promise<BenchResult[]> };

export const formatRate = (rate: number): string => `${Math.round(rate).toLocaleString('en-US')}/s`;
