import { canonicalJson, type Decider } from '@coe/event-store';
import { factorsAboveCap } from '../claim/claim.mission-factors';
import { assertCategoryCodes, assertEquipmentCodes } from '../shared/coe-codes';
import { fail } from '../shared/reimbursement.errors';
import type { RateTableCommand } from './rate-table.commands';
import type { RateTableEvent, RateTableValues, RateTableVersionIssued } from './rate-table.events';

export type RateTable = { tableId: string | null; versions: RateTableVersionIssued[] };

const initialState = (): RateTable => ({ tableId: null, versions: [] });

const evolve = (state: RateTable, event: RateTableEvent): RateTable => ({
  tableId: event.data.tableId,
  versions: [...state.versions, event.data],
});

const entryKeys = (values: RateTableValues): string[] => {
  switch (values.kind) {
    case 'major-equipment':
      return values.items.map((i) => `${i.category}|${i.item}|${i.lease}`);
    case 'self-sustainment':
      return values.categories.map((c) => c.category);
    default:
      return [];
  }
};

const sameVersion = (a: RateTableVersionIssued, b: Omit<RateTableVersionIssued, 'version'>): boolean =>
  a.effectiveFrom === b.effectiveFrom && canonicalJson(a.values) === canonicalJson(b.values);

const decide = (command: RateTableCommand, state: RateTable): RateTableEvent[] => {
  const { tableId, effectiveFrom, issuedOn, values, seed, caps } = command.data;
  const kind = state.versions[0]?.values.kind;
  if (kind !== undefined && kind !== values.kind) {
    fail('RATE_TABLE_KIND_MISMATCH', `Table ${tableId} holds ${kind} rates, not ${values.kind}.`);
  }
  // only what is entered now: versions recorded before the list stay readable
  if (values.kind === 'major-equipment') assertEquipmentCodes(values.items, 'items');
  if (values.kind === 'self-sustainment')
    assertCategoryCodes('self-sustainment', values.categories, 'categories');
  const keys = entryKeys(values);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) {
    fail('DUPLICATE_RATE_ENTRY', `The version lists ${duplicate} twice.`, { entry: duplicate });
  }
  // the cap holds wherever a factor is entered (a 5.01 % table must not be paid)
  const above = values.kind === 'mission-factors' ? factorsAboveCap(values, caps ?? null) : [];
  if (above.length > 0) {
    fail('MISSION_FACTOR_ABOVE_CAP', `Above the cap in force on ${effectiveFrom}: ${above.join(', ')}.`, {
      factors: above,
      caps,
    });
  }
  // shipped initial data is issued at every start: only its first issue counts
  if (seed && state.versions.some((v) => sameVersion(v, { tableId, effectiveFrom, issuedOn, values })))
    return [];
  const version = state.versions.length + 1;
  return [
    {
      type: 'RateTableVersionIssued',
      data: { tableId, version, effectiveFrom, issuedOn, values },
      effectiveOn: issuedOn,
    },
  ];
};

export const rateTableDecider: Decider<RateTableCommand, RateTableEvent, RateTable> = {
  initialState,
  evolve,
  decide,
};
