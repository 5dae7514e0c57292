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
  /**
   * `--history 10y --only=report-latency,audit-verify`: the history rows to run (a prefix of their names,
   * e.g. `report-latency:payables`); undefined: every row.
   */
  only?: readonly string[];
  log(message: string): void;
};

export type Workload = { id: string; run(context: BenchContext): Promise<BenchResult[]> };

export const formatRate = (rate: number): string => `${Math.round(rate).toLocaleString('en-US')}/s`;
