import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { isCalendarDate, isIso3, isMissionCode } from '@coe/platform';
import type { RegisterRow } from '../mou/mou.commands';

/** The columns of POST /v1/imports/mou-register (CONTRACT.md 4.1). */
export const REGISTER_COLUMNS = [
  { name: 'mou_ref', required: true },
  { name: 'mission', required: true },
  { name: 'contributor', required: true },
  { name: 'unit', required: true },
  { name: 'unit_type', required: true },
  { name: 'personnel', required: true },
  { name: 'negotiation_opened', required: true },
  { name: 'deployed_on', required: false },
  { name: 'repatriated_on', required: false },
  { name: 'signed_by_contributor', required: false },
  { name: 'signed_by_un', required: false },
] as const;

export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['name'];
export type RegisterCells = Record<RegisterColumn, string | undefined>;

export type RowRejectionCode =
  | 'INVALID_MOU_REF'
  | 'INVALID_MISSION'
  | 'INVALID_CONTRIBUTOR'
  | 'INVALID_UNIT'
  | 'INVALID_UNIT_TYPE'
  | 'INVALID_PERSONNEL'
  | 'INVALID_DATE'
  | 'DATE_IN_FUTURE'
  | 'REPATRIATED_BEFORE_DEPLOYED'
  | 'SIGNED_BEFORE_NEGOTIATION';

export type CheckedRow =
  | { ok: true; row: Omit<RegisterRow, 'mouId'> }
  | { ok: false; code: RowRejectionCode; reason: string };

const reject = (code: RowRejectionCode, reason: string): CheckedRow => ({ ok: false, code, reason });

const DATE_COLUMNS = [
  'negotiation_opened',
  'deployed_on',
  'repatriated_on',
  'signed_by_contributor',
  'signed_by_un',
] as const;

/** Checks one register row as CONTRACT.md 4.1 says; the first problem found rejects it. */
export const checkRegisterRow = (cells: RegisterCells, today: string): CheckedRow => {
  const ref = cells.mou_ref;
  if (ref === undefined || ref.length > 64)
    return reject('INVALID_MOU_REF', 'mou_ref must be 1 to 64 characters');
  if (!isMissionCode(cells.mission))
    return reject('INVALID_MISSION', 'mission must be 2 to 12 capital letters');
  if (!isIso3(cells.contributor))
    return reject('INVALID_CONTRIBUTOR', 'contributor must be an ISO 3166-1 alpha-3 code in capitals');
  if (cells.unit === undefined || cells.unit.length > 200)
    return reject('INVALID_UNIT', 'unit must be 1 to 200 characters');
  if (!(UNIT_TYPES as readonly string[]).includes(cells.unit_type ?? '')) {
    return reject('INVALID_UNIT_TYPE', `unit_type must be one of ${UNIT_TYPES.join(' ')}`);
  }
  const personnel = /^\d{1,5}$/.test(cells.personnel ?? '') ? Number(cells.personnel) : NaN;
  if (!(personnel >= 1 && personnel <= 20000))
    return reject('INVALID_PERSONNEL', 'personnel must be an integer from 1 to 20000');
  if (cells.negotiation_opened === undefined) return reject('INVALID_DATE', 'negotiation_opened is required');
  for (const column of DATE_COLUMNS) {
    const value = cells[column];
    if (value === undefined) continue;
    if (!isCalendarDate(value))
      return reject('INVALID_DATE', `${column} must be a calendar date written YYYY-MM-DD`);
    if (value > today) return reject('DATE_IN_FUTURE', `${column} ${value} is after today (${today})`);
  }
  const opened = cells.negotiation_opened;
  const deployed = cells.deployed_on ?? null;
  const repatriated = cells.repatriated_on ?? null;
  if (repatriated !== null && (deployed === null || repatriated < deployed)) {
    return reject('REPATRIATED_BEFORE_DEPLOYED', 'repatriated_on needs a deployed_on on or before it');
  }
  for (const column of ['signed_by_contributor', 'signed_by_un'] as const) {
    const signed = cells[column];
    if (signed !== undefined && signed < opened) {
      return reject(
        'SIGNED_BEFORE_NEGOTIATION',
        `${column} ${signed} is before negotiation_opened ${opened}`,
      );
    }
  }
  return {
    ok: true,
    row: {
      mouRef: ref,
      mission: cells.mission,
      contributor: cells.contributor,
      unitName: cells.unit,
      unitType: cells.unit_type as UnitType,
      personnelCeiling: personnel,
      negotiationOpenedOn: opened,
      deployedOn: deployed,
      repatriatedOn: repatriated,
      signedByContributorOn: cells.signed_by_contributor ?? null,
      signedByUnOn: cells.signed_by_un ?? null,
    },
  };
};
