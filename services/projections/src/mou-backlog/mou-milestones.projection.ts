import type {
  IntegrationEvent,
  MouClosed,
  MouDrafted,
  MouEnteredIntoForce,
  MouSigned,
  MouUnitDeployed,
  MouUnitRepatriated,
  MouWithdrawn,
} from '@coe/contracts';
import { columnTypes, insertRows } from '../projection/projection.batch';
import type { ProjectionDefinition } from '../projection/projection.definition';

type Tables = 'mous';

// One row per MOU with every milestone's business date, so any report can ask "as of D".
const MOUS = `
  mou_id text primary key,
  mou_ref text,
  mission text,
  contributor text,
  unit_id text,
  unit_name text,
  unit_type text,
  personnel_ceiling integer,
  negotiation_opened_on date,
  deployed_on date,
  repatriated_on date,
  contributor_signed_on date,
  un_signed_on date,
  in_force_on date,
  withdrawn_on date,
  closed_on date,
  -- the later of the two signatures; the MouEnteredIntoForce date when signatures are missing
  fully_signed_on date generated always as (
    coalesce(
      case when contributor_signed_on is not null and un_signed_on is not null
        then greatest(contributor_signed_on, un_signed_on) end,
      in_force_on)
  ) stored`;

type DateColumn =
  | 'deployed_on'
  | 'repatriated_on'
  | 'contributor_signed_on'
  | 'un_signed_on'
  | 'in_force_on'
  | 'withdrawn_on'
  | 'closed_on';

/**
 * `latest`: the last event says the date (a correction replaces it); `earliest`: the first milestone
 * stays (an amendment's signature does not move the day the MOU was first fully signed).
 */
const KEEP: Record<DateColumn, 'latest' | 'earliest'> = {
  deployed_on: 'latest',
  repatriated_on: 'latest',
  contributor_signed_on: 'earliest',
  un_signed_on: 'earliest',
  in_force_on: 'earliest',
  withdrawn_on: 'latest',
  closed_on: 'latest',
};

/** The draft's columns and the fields that fill them: the last MouDrafted says them all. */
const DRAFT: Record<string, keyof MouDrafted> = {
  mou_ref: 'mouRef',
  mission: 'mission',
  contributor: 'contributor',
  unit_id: 'unitId',
  unit_name: 'unitName',
  unit_type: 'unitType',
  personnel_ceiling: 'personnelCeiling',
  negotiation_opened_on: 'negotiationOpenedOn',
};

type Milestone = { field: string; column: (data: Record<string, unknown>) => DateColumn };
const at = (column: DateColumn) => () => column;

// Each milestone event: the field holding its date and the column it sets (a signature's, by party).
const MILESTONES: Record<string, Milestone> = {
  MouUnitDeployed: { field: 'deployedOn' satisfies keyof MouUnitDeployed, column: at('deployed_on') },
  MouUnitRepatriated: {
    field: 'repatriatedOn' satisfies keyof MouUnitRepatriated,
    column: at('repatriated_on'),
  },
  MouSigned: {
    field: 'signedOn' satisfies keyof MouSigned,
    column: (data) => (data.party === 'un' ? 'un_signed_on' : 'contributor_signed_on'),
  },
  MouEnteredIntoForce: { field: 'inForceOn' satisfies keyof MouEnteredIntoForce, column: at('in_force_on') },
  MouWithdrawn: { field: 'withdrawnOn' satisfies keyof MouWithdrawn, column: at('withdrawn_on') },
  MouClosed: { field: 'closedOn' satisfies keyof MouClosed, column: at('closed_on') },
};

// least() in SQL ignores nulls; business dates are YYYY-MM-DD, so their text order is their date order
const earlier = (a: string | null | undefined, b: string | null): string | null =>
  a == null ? b : b == null || a <= b ? a : b;

/**
 * The batch folded to one change per MOU: the columns its events set (present keys, null included),
 * each merged as KEEP says, so that applying the change equals applying the events one by one.
 */
const changesOf = (events: readonly IntegrationEvent[]): Record<string, unknown>[] => {
  const changes = new Map<string, Record<string, unknown>>();
  const changeOf = (mouId: string) => {
    if (!changes.has(mouId)) changes.set(mouId, { mou_id: mouId });
    return changes.get(mouId)!;
  };
  for (const event of events) {
    if (event.type === 'MouDrafted') {
      const mou = event.data as MouDrafted;
      const change = changeOf(mou.mouId);
      for (const [column, field] of Object.entries(DRAFT)) change[column] = mou[field] ?? null;
      continue;
    }
    const milestone = MILESTONES[event.type];
    if (!milestone) continue;
    const data = event.data as { mouId: string } & Record<string, unknown>;
    const change = changeOf(data.mouId);
    const column = milestone.column(data);
    const date = (data[milestone.field] as string | undefined) ?? null;
    change[column] = KEEP[column] === 'latest' ? date : earlier(change[column] as string | null, date);
  }
  return [...changes.values()];
};

// the columns a change may set, in the order a change's values travel
const MERGED = [...Object.keys(DRAFT), ...(Object.keys(KEEP) as DateColumn[])];

/**
 * A change as it travels: [mou_id, each MERGED column's value (null when absent), the bit mask of the
 * columns present]; names once, not once per MOU.
 */
const compact = (change: Record<string, unknown>): unknown[] => {
  let present = 0;
  const values = MERGED.map((column, i) => {
    if (!(column in change)) return null;
    present |= 1 << i;
    return change[column];
  });
  return [change.mou_id, ...values, present];
};

const mergeSql = (table: string, types: Map<string, string>): string => {
  const value = (column: string) => `(e->>${MERGED.indexOf(column) + 1})::${types.get(column)}`;
  const latest = (column: string) =>
    `${column} = case when (e->>${MERGED.length + 1})::int & ${1 << MERGED.indexOf(column)} <> 0
      then ${value(column)} else m.${column} end`;
  const earliest = (column: string) => `${column} = least(m.${column}, ${value(column)})`;
  const sets = MERGED.map((column) =>
    KEEP[column as DateColumn] === 'earliest' ? earliest(column) : latest(column),
  );
  return `update ${table} as m set ${sets.join(', ')}
    from jsonb_array_elements($1::jsonb) as e where m.mou_id = e->>0`;
};

export const mouMilestonesProjection: ProjectionDefinition<Tables> = {
  name: 'mou-milestones',
  sources: ['mou-negotiation'],
  eventTypes: ['MouDrafted', ...Object.keys(MILESTONES)],
  tables: { mous: { columns: MOUS } },
  async apply(events, tx, { mous }) {
    const changes = changesOf(events);
    if (changes.length === 0) return;
    // the row first (a milestone may arrive before the draft), then every column by its rule
    await insertRows(
      tx,
      mous,
      changes.map((c) => ({ mou_id: c.mou_id })),
      'on conflict do nothing',
    );
    await tx.query(mergeSql(mous, await columnTypes(tx, mous)), [JSON.stringify(changes.map(compact))]);
  },
};
