import type { MouUnitDeployed, MouUnitRepatriated } from '@coe/contracts';
import { type Db, date, rows } from '../shared/sql';
import type { UnitMovement } from './unit-movements';

export const recordUnitMovement = async (
  db: Db,
  schema: string,
  movement: UnitMovement,
  eventId: string,
): Promise<void> => {
  await db.query(
    `insert into ${schema}.unit_movements (mou_id, kind, on_date, event_id) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [movement.mouId, movement.kind, movement.on, eventId],
  );
};

export const movementOf = (
  type: 'MouUnitDeployed' | 'MouUnitRepatriated',
  data: MouUnitDeployed | MouUnitRepatriated,
): UnitMovement =>
  type === 'MouUnitDeployed'
    ? { mouId: data.mouId, kind: 'deployed', on: (data as MouUnitDeployed).deployedOn }
    : { mouId: data.mouId, kind: 'repatriated', on: (data as MouUnitRepatriated).repatriatedOn };

/** Every movement reimbursement knows of an MOU's unit, in date order. */
export const loadUnitMovements = async (db: Db, schema: string, mouId: string): Promise<UnitMovement[]> =>
  (
    await rows<{ mou_id: string; kind: UnitMovement['kind']; on_date: string }>(
      db,
      `select mou_id, kind, ${date('on_date')} from ${schema}.unit_movements where mou_id = $1
        order by on_date, kind`,
      [mouId],
    )
  ).map((r) => ({ mouId: r.mou_id, kind: r.kind, on: r.on_date }));

/** {@link loadUnitMovements} of several MOUs in one query (an import's batch). */
export const loadUnitMovementsOf = async (
  db: Db,
  schema: string,
  mouIds: readonly string[],
): Promise<Map<string, UnitMovement[]>> => {
  const found = await rows<{ mou_id: string; kind: UnitMovement['kind']; on_date: string }>(
    db,
    `select mou_id, kind, ${date('on_date')} from ${schema}.unit_movements where mou_id = any($1::text[])
      order by mou_id, on_date, kind`,
    [mouIds],
  );
  const byMou = new Map<string, UnitMovement[]>();
  for (const r of found) {
    byMou.set(r.mou_id, [...(byMou.get(r.mou_id) ?? []), { mouId: r.mou_id, kind: r.kind, on: r.on_date }]);
  }
  return byMou;
};
