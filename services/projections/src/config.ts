import { ConfigError, isMoneyAmount } from '@coe/platform';

export type ProjectionsConfig = {
  /**
   * The operating reserve the cash-pool report keeps back when no payment run has been executed yet
   * (`PROJECTIONS_CASH_RESERVE_USD`, default `0.00`); once one has, its reserve is used.
   */
  cashReserveUsd: string;
  /** How often a rebuild's progress is checked (`PROJECTIONS_SWITCH_CHECK_MS`, default 500). */
  switchCheckMs: number;
  /**
   * How long a caught-up rebuild waits for a moment where it and the live version have applied exactly
   * the same events, so their checksums compare (`PROJECTIONS_SWITCH_WAIT_MS`, default 30000).
   */
  switchWaitMs: number;
};

const integer = (raw: string | undefined, name: string, fallback: number, problems: string[]): number => {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    problems.push(`${name}: must be a positive integer (got "${raw}")`);
    return fallback;
  }
  return value;
};

export const parseProjectionsConfig = (env: Record<string, string | undefined>): ProjectionsConfig => {
  const problems: string[] = [];
  const reserve = env.PROJECTIONS_CASH_RESERVE_USD?.trim() || '0.00';
  if (!isMoneyAmount(reserve, { allowZero: true }))
    problems.push(`PROJECTIONS_CASH_RESERVE_USD: must be an amount such as "25000000.00" (got "${reserve}")`);
  const config: ProjectionsConfig = {
    cashReserveUsd: reserve,
    switchCheckMs: integer(env.PROJECTIONS_SWITCH_CHECK_MS, 'PROJECTIONS_SWITCH_CHECK_MS', 500, problems),
    switchWaitMs: integer(env.PROJECTIONS_SWITCH_WAIT_MS, 'PROJECTIONS_SWITCH_WAIT_MS', 30_000, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};
