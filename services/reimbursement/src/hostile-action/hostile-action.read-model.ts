import { type Db, date, rows } from '../shared/sql';
import type { HostileActionIncidentRecordedData } from './hostile-action.events';

export const saveHostileActionItems = async (
  db: Db,
  schema: string,
  incident: HostileActionIncidentRecordedData,
): Promise<void> => {
  for (const [n, i] of incident.items.entries()) {
    await db.query(
      `insert into ${schema}.hostile_action_items
         (incident_id, item_no, mou_id, mission, contributor, occurred_on, line_id, category, item, quantity)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing`,
      [
        ...[incident.incidentId, n + 1, incident.mouId, incident.mission, incident.contributor],
        ...[incident.occurredOn, i.lineId, i.category, i.item, i.quantity],
      ],
    );
  }
};

export type ItemLostThroughHostileAction = {
  incidentId: string;
  occurredOn: string;
  lineId: string | null;
  category: string;
  item: string;
  quantity: number;
};

/**
 * Items of an MOU lost through a recorded hostile-action incident on or before a date: what the 67/261
 * deduction does not count against the contributor.
 */
export const itemsLostThroughHostileAction = (
  db: Db,
  schema: string,
  mouId: string,
  onOrBefore: string,
): Promise<ItemLostThroughHostileAction[]> =>
  rows<ItemLostThroughHostileAction>(
    db,
    `select incident_id as "incidentId", ${date('occurred_on', '"occurredOn"')}, line_id as "lineId",
            category, item, quantity
       from ${schema}.hostile_action_items where mou_id = $1 and occurred_on <= $2
      order by occurred_on, incident_id, item_no`,
    [mouId, onOrBefore],
  );

/** The item lines of these incidents (ids as given, so an unknown or malformed id finds nothing). */
export const hostileActionItemsOf = (
  db: Db,
  schema: string,
  incidentIds: string[],
): Promise<(ItemLostThroughHostileAction & { mouId: string })[]> =>
  incidentIds.length === 0
    ? Promise.resolve([])
    : rows(
        db,
        `select incident_id::text as "incidentId", mou_id as "mouId", ${date('occurred_on', '"occurredOn"')},
                line_id as "lineId", category, item, quantity
           from ${schema}.hostile_action_items where incident_id::text = any($1::text[])
          order by incident_id, item_no`,
        [incidentIds],
      );
