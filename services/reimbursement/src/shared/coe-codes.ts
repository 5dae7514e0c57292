import { type CoeCodeKind, unknownCoeCode, unknownEquipment } from '@coe/contracts';
import { fail } from './reimbursement.errors';

/**
 * Refuses (UNKNOWN_CATEGORY) a category that is not a code of the one list, naming the field it was
 * entered in; codes are matched exactly afterwards, so `Catering` would never meet a `catering` rate.
 * `accepted` lets through entries checked otherwise (a category the MOU's recorded annex already has).
 */
export const assertCategoryCodes = <Entry extends { category: string }>(
  kind: CoeCodeKind,
  entries: readonly Entry[],
  field: string,
  accepted: (entry: Entry) => boolean = () => false,
): void => {
  entries.forEach((entry, index) => {
    if (accepted(entry)) return;
    const unknown = unknownCoeCode(kind, entry.category, `${field}[${index}].category`);
    if (unknown) fail('UNKNOWN_CATEGORY', unknown.message, unknown.details);
  });
};

/**
 * Refuses a major-equipment entry whose category is no code (UNKNOWN_CATEGORY) or whose item is no item
 * code of that category (UNKNOWN_ITEM), naming `<field>[i].category` or `<field>[i].item`.
 */
export const assertEquipmentCodes = <Entry extends { category: string; item: string }>(
  entries: readonly Entry[],
  field: string,
  accepted: (entry: Entry) => boolean = () => false,
): void => {
  entries.forEach((entry, index) => {
    if (accepted(entry)) return;
    const unknown = unknownEquipment(entry, `${field}[${index}]`);
    if (unknown) fail(unknown.code, unknown.problem.message, unknown.problem.details);
  });
};
