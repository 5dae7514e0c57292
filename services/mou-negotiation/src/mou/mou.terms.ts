import type { AnnexBLine, MissionFactors } from '@coe/contracts';
import Decimal from 'decimal.js';
import type { TermsChangesInput } from './mou.commands';
import { MouError } from './mou.errors';
import type { TermsChanges } from './mou.events';
import type { Terms } from './mou.state';

const twoDecimals = (value: string): string => new Decimal(value).toFixed(2, Decimal.ROUND_HALF_UP);

export const lineId = (n: number): string => `B${String(n).padStart(3, '0')}`;

const FACTORS: (keyof MissionFactors)[] = [
  'extremeEnvironmentPct',
  'intensifiedOperationalConditionPct',
  'hostileActionPct',
];

// The bound is data (the service's settings table), commonly 5% per factor; it arrives in the command.
const checkMissionFactors = (factors: MissionFactors, maxPct: string): MissionFactors => {
  const max = new Decimal(maxPct);
  const normalised = { ...factors };
  for (const factor of FACTORS) {
    const value = new Decimal(factors[factor]);
    if (value.isNegative() || value.greaterThan(max)) {
      throw new MouError('MISSION_FACTOR_OUT_OF_RANGE', `${factor} must be from 0 to ${maxPct}.`, {
        field: factor,
        maxPct,
      });
    }
    normalised[factor] = twoDecimals(factors[factor]);
  }
  return normalised;
};

const assertUnique = (keys: string[], what: string): void => {
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated !== undefined) {
    throw new MouError('DUPLICATE_ANNEX_ENTRY', `${what} ${repeated} appears more than once.`, {
      entry: repeated,
    });
  }
};

/**
 * A party's proposal as it will be recorded: new annex B lines get the next line ids, amounts and
 * percentages get exactly 2 decimals. Refuses a line id the terms on the table do not have, a line or
 * category named twice, and a mission factor outside 0..maxPct.
 */
export const resolveChanges = (
  input: TermsChangesInput,
  current: Terms,
  lineIdsIssued: number,
  missionFactorMaxPct: string,
): TermsChanges => {
  const changes: TermsChanges = {};
  if (input.personnelCeiling !== undefined) changes.personnelCeiling = input.personnelCeiling;
  if (input.annexB !== undefined) {
    const known = new Set(current.annexB.map((line) => line.lineId));
    let issued = lineIdsIssued;
    changes.annexB = input.annexB.map((line): AnnexBLine => {
      if (line.lineId !== undefined && !known.has(line.lineId)) {
        throw new MouError('UNKNOWN_ANNEX_B_LINE', `Annex B has no line ${line.lineId}.`, {
          lineId: line.lineId,
        });
      }
      return {
        lineId: line.lineId ?? lineId(++issued),
        category: line.category,
        item: line.item,
        quantity: line.quantity,
        lease: line.lease,
        monthlyRateUsd: twoDecimals(line.monthlyRateUsd),
      };
    });
    assertUnique(
      changes.annexB.map((line) => line.lineId),
      'Annex B line',
    );
  }
  if (input.annexC !== undefined) {
    changes.annexC = input.annexC.map((c) => ({
      category: c.category,
      ratePerPersonUsd: twoDecimals(c.ratePerPersonUsd),
    }));
    assertUnique(
      changes.annexC.map((c) => c.category),
      'Annex C category',
    );
  }
  if (input.missionFactors !== undefined) {
    changes.missionFactors = checkMissionFactors(input.missionFactors, missionFactorMaxPct);
  }
  return changes;
};
