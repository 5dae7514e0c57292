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
import { isContractEvent } from '@coe/messaging';
import {
  columnTypes,
  type ProjectionDefinition,
  KNOWN_COLUMNS,
  knownFrom,
  knownIndexes,
} from '@coe/projection-engine';

type Tables = 'mous';

// One row per MOU and version with every milestone's business date, so any report can ask "as of D"
// as known at T (each event makes a version: KNOWN_COLUMNS).
const MOUS = `
  mou_id text not null,
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
  ) stored,
  ${KNOWN_COLUMNS},
  primary key (mou_id, known_from_position)`;

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

/**
 * The batch as rounds of changes, at most one per MOU a round (the k-th event of each MOU in round k),
 * each change the columns its event sets (present keys, null included) and the event's recorded time:
 * every event makes a new version of its MOU's row, so each version holds from its own event's recording.
 */
const roundsOf = (events: readonly IntegrationEvent[]): Record<string, unknown>[][] => {
  const rounds: Record<string, unknown>[][] = [];
  const seen = new Map<string, number>();
  for (const event of events) {
    let change: Record<string, unknown>;
    if (isContractEvent('mou-negotiation', 'MouDrafted', event)) {
      const mou = event.data;
      change = { mou_id: mou.mouId };
      for (const [column, field] of Object.entries(DRAFT)) change[column] = mou[field] ?? null;
    } else {
      const milestone = MILESTONES[event.type];
      if (!milestone) continue;
      const data = event.data as { mouId: string } & Record<string, unknown>;
      change = { mou_id: data.mouId, [milestone.column(data)]: (data[milestone.field] as string) ?? null };
    }
    const round = seen.get(change.mou_id as string) ?? 0;
    seen.set(change.mou_id as string, round + 1);
    (rounds[round] ??= []).push({ ...change, ...knownFrom(event) });
  }
  return rounds;
};

// the columns a change may set, in the order a change's values travel
const MERGED = [...Object.keys(DRAFT), ...(Object.keys(KEEP) as DateColumn[])];

/**
 * A change as it travels: [mou_id, each MERGED column's value (null when absent), the bit mask of the
 * columns present, recorded instant, global position]; names once, not once per MOU.
 */
const compact = (change: Record<string, unknown>): unknown[] => {
  let present = 0;
  const values = MERGED.map((column, i) => {
    if (!(column in change)) return null;
    present |= 1 << i;
    return change[column];
  });
  return [change.mou_id, ...values, present, change.known_from, change.known_from_position];
};

/**
 * One round: the current version of each MOU is closed and a new one inserted, the old columns merged with
 * the change as KEEP says. Both parts read the snapshot before the statement, so the merge reads the old
 * version and the closing never touches the new one.
 */
const mergeSql = (table: string, types: Map<string, string>): string => {
  const n = MERGED.length;
  const value = (column: string) => `(e->>${MERGED.indexOf(column) + 1})::${types.get(column)}`;
  const latest = (column: string) =>
    `case when (e->>${n + 1})::int & ${1 << MERGED.indexOf(column)} <> 0 then ${value(column)} else m.${column} end`;
  // least() ignores nulls
  const earliest = (column: string) => `least(m.${column}, ${value(column)})`;
  const merged = MERGED.map((column) =>
    KEEP[column as DateColumn] === 'earliest' ? earliest(column) : latest(column),
  );
  return `with changes as (select value as e from jsonb_array_elements($1::jsonb)),
    closed as (
      update ${table} as m set known_until = (c.e->>${n + 2})::timestamptz,
        known_until_position = (c.e->>${n + 3})::bigint
      from changes c where m.mou_id = c.e->>0 and m.known_until is null)
    insert into ${table} (mou_id, ${MERGED.join(', ')}, known_from, known_from_position)
    select e->>0, ${merged.join(', ')}, (e->>${n + 2})::timestamptz, (e->>${n + 3})::bigint
    from changes left join ${table} as m on m.mou_id = e->>0 and m.known_until is null`;
};

export const mouMilestonesProjection: ProjectionDefinition<Tables> = {
  name: 'mou-milestones',
  sources: ['mou-negotiation'],
  eventTypes: ['MouDrafted', ...Object.keys(MILESTONES)],
  tables: { mous: { columns: MOUS, indexes: knownIndexes('mou_id') } },
  async apply(events, tx, { mous }) {
    const sql = mergeSql(mous, await columnTypes(tx, mous));
    for (const round of roundsOf(events)) await tx.query(sql, [JSON.stringify(round.map(compact))]);
  },
};
