import type {
  MouClosed,
  MouDrafted,
  MouEnteredIntoForce,
  MouSigned,
  MouUnitDeployed,
  MouUnitRepatriated,
  MouWithdrawn,
} from '@coe/contracts';
import type { PoolClient } from 'pg';
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
const setDate = async (
  tx: PoolClient,
  table: string,
  mouId: string,
  column: DateColumn,
  date: string,
  keep: 'latest' | 'earliest',
): Promise<void> => {
  const value = keep === 'latest' ? `excluded.${column}` : `least(m.${column}, excluded.${column})`;
  await tx.query(
    `insert into ${table} as m (mou_id, ${column}) values ($1, $2::date)
     on conflict (mou_id) do update set ${column} = ${value}`,
    [mouId, date],
  );
};

const drafted = async (tx: PoolClient, table: string, mou: MouDrafted): Promise<void> => {
  await tx.query(
    `insert into ${table} (mou_id, mou_ref, mission, contributor, unit_id, unit_name, unit_type,
       personnel_ceiling, negotiation_opened_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date)
     on conflict (mou_id) do update set mou_ref = excluded.mou_ref, mission = excluded.mission,
       contributor = excluded.contributor, unit_id = excluded.unit_id, unit_name = excluded.unit_name,
       unit_type = excluded.unit_type, personnel_ceiling = excluded.personnel_ceiling,
       negotiation_opened_on = excluded.negotiation_opened_on`,
    [
      mou.mouId,
      mou.mouRef,
      mou.mission,
      mou.contributor,
      mou.unitId,
      mou.unitName,
      mou.unitType,
      mou.personnelCeiling,
      mou.negotiationOpenedOn,
    ],
  );
};

export const mouMilestonesProjection: ProjectionDefinition<Tables> = {
  name: 'mou-milestones',
  sources: ['mou-negotiation'],
  eventTypes: [
    'MouDrafted',
    'MouUnitDeployed',
    'MouUnitRepatriated',
    'MouSigned',
    'MouEnteredIntoForce',
    'MouWithdrawn',
    'MouClosed',
  ],
  tables: { mous: { columns: MOUS } },
  async apply(event, tx, { mous }) {
    switch (event.type) {
      case 'MouDrafted':
        return drafted(tx, mous, event.data as MouDrafted);
      case 'MouUnitDeployed': {
        const { mouId, deployedOn } = event.data as MouUnitDeployed;
        return setDate(tx, mous, mouId, 'deployed_on', deployedOn, 'latest');
      }
      case 'MouUnitRepatriated': {
        const { mouId, repatriatedOn } = event.data as MouUnitRepatriated;
        return setDate(tx, mous, mouId, 'repatriated_on', repatriatedOn, 'latest');
      }
      case 'MouSigned': {
        const { mouId, party, signedOn } = event.data as MouSigned;
        const column = party === 'un' ? 'un_signed_on' : 'contributor_signed_on';
        return setDate(tx, mous, mouId, column, signedOn, 'earliest');
      }
      case 'MouEnteredIntoForce': {
        const { mouId, inForceOn } = event.data as MouEnteredIntoForce;
        return setDate(tx, mous, mouId, 'in_force_on', inForceOn, 'earliest');
      }
      case 'MouWithdrawn': {
        const { mouId, withdrawnOn } = event.data as MouWithdrawn;
        return setDate(tx, mous, mouId, 'withdrawn_on', withdrawnOn, 'latest');
      }
      case 'MouClosed': {
        const { mouId, closedOn } = event.data as MouClosed;
        return setDate(tx, mous, mouId, 'closed_on', closedOn, 'latest');
      }
    }
  },
};
