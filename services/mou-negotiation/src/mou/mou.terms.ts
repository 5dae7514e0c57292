import { type AnnexBLine, type MissionFactors, unknownCoeCode, unknownEquipment } from '@coe/contracts';
import Decimal from 'decimal.js';
import type { AnnexBEdits, AnnexBLineInput, TermsChangesInput } from './mou.commands';
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

// Categories entered are codes of the one list, matched exactly afterwards (issue 18: an annex C `Catering`
// silently missed the `catering` rate table). Lines already recorded are not checked again.
const assertCodes = (entries: { category: string }[], field: string): void => {
  entries.forEach((entry, index) => {
    const unknown = unknownCoeCode('self-sustainment', entry.category, `${field}[${index}].category`);
    if (unknown) throw new MouError('UNKNOWN_CATEGORY', unknown.message, unknown.details);
  });
};

// Annex B lines name a category code and an item code of that category (UNKNOWN_ITEM otherwise).
const assertEquipment = (lines: { category: string; item: string }[], field: string): void => {
  lines.forEach((line, index) => {
    const unknown = unknownEquipment(line, `${field}[${index}]`);
    if (unknown) throw new MouError(unknown.code, unknown.problem.message, unknown.problem.details);
  });
};

const normalised = (line: AnnexBLine): AnnexBLine => ({
  lineId: line.lineId,
  category: line.category,
  item: line.item,
  quantity: line.quantity,
  lease: line.lease,
  monthlyRateUsd: twoDecimals(line.monthlyRateUsd),
});

const assertKnown = (known: Set<string>, id: string): void => {
  if (!known.has(id)) {
    throw new MouError('UNKNOWN_ANNEX_B_LINE', `Annex B has no line ${id}.`, { lineId: id });
  }
};

// A whole annex that leaves out a line on the table once silently dropped it (issue 18): now every
// line must be named, and a line goes only through an explicit `annexBEdits.remove`.
const annexInFull = (
  lines: AnnexBLineInput[],
  current: AnnexBLine[],
  lineIdsIssued: number,
): AnnexBLine[] => {
  assertEquipment(lines, 'changes.annexB');
  const known = new Set(current.map((line) => line.lineId));
  let issued = lineIdsIssued;
  const annex = lines.map((line): AnnexBLine => {
    if (line.lineId !== undefined) assertKnown(known, line.lineId);
    return normalised({ ...line, lineId: line.lineId ?? lineId(++issued) });
  });
  assertUnique(
    annex.map((line) => line.lineId),
    'Annex B line',
  );
  const named = new Set(annex.map((line) => line.lineId));
  const omitted = current.map((line) => line.lineId).filter((id) => !named.has(id));
  if (omitted.length > 0) {
    throw new MouError(
      'ANNEX_B_LINE_OMITTED',
      `Annex B in full leaves out ${omitted.join(', ')}; name every line on the table, or remove lines with annexBEdits.remove.`,
      { omitted },
    );
  }
  return annex;
};

// Replaced lines keep their place and id, removed ones go, added ones come last with the next ids.
const editedAnnex = (edits: AnnexBEdits, current: AnnexBLine[], lineIdsIssued: number): AnnexBLine[] => {
  const known = new Set(current.map((line) => line.lineId));
  const replace = edits.replace ?? [];
  const remove = edits.remove ?? [];
  assertEquipment(edits.add ?? [], 'changes.annexBEdits.add');
  assertEquipment(replace, 'changes.annexBEdits.replace');
  const touched = [...replace.map((line) => line.lineId), ...remove];
  touched.forEach((id) => assertKnown(known, id));
  assertUnique(touched, 'Annex B line');
  const replacements = new Map(replace.map((line) => [line.lineId, line]));
  const removed = new Set(remove);
  let issued = lineIdsIssued;
  return [
    ...current
      .filter((line) => !removed.has(line.lineId))
      .map((line) => normalised(replacements.get(line.lineId) ?? line)),
    ...(edits.add ?? []).map((line) => normalised({ ...line, lineId: lineId(++issued) })),
  ];
};

/**
 * A party's proposal as it will be recorded, with annex B resolved to the whole annex that results:
 * new annex B lines get the next line ids, amounts and percentages get exactly 2 decimals. Refuses a
 * line id the terms on the table do not have, a line or category named twice, a whole annex B that
 * leaves out a line on the table, a category or item that is not a code of the list (UNKNOWN_CATEGORY, UNKNOWN_ITEM), and a
 * mission factor outside 0..maxPct.
 */
export const resolveChanges = (
  input: TermsChangesInput,
  current: Terms,
  lineIdsIssued: number,
  missionFactorMaxPct: string,
): TermsChanges => {
  const changes: TermsChanges = {};
  if (input.personnelCeiling !== undefined) changes.personnelCeiling = input.personnelCeiling;
  if (input.annexB !== undefined && input.annexBEdits !== undefined) {
    throw new MouError(
      'ANNEX_B_GIVEN_TWICE',
      'Give annex B either in full (annexB) or as edits (annexBEdits), not both.',
    );
  }
  if (input.annexB !== undefined) changes.annexB = annexInFull(input.annexB, current.annexB, lineIdsIssued);
  if (input.annexBEdits !== undefined) {
    changes.annexB = editedAnnex(input.annexBEdits, current.annexB, lineIdsIssued);
  }
  if (input.annexC !== undefined) {
    assertCodes(input.annexC, 'changes.annexC');
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
