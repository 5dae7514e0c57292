import type { PoolClient } from 'pg';

/** Events one consumer has applied and the other has not, read in the caller's snapshot. */
export type PositionDifference = { onlyInFirst: number; onlyInSecond: number };

/**
 * How far apart two consumers of the same feeds are. Each feed (a topic's partition, or a source store
 * in-process) delivers the same events in the same order to both, so a consumer's position there (the
 * last event it consumed) says which events it has: where the positions differ, the one further on has
 * the events consumed in between (its count minus the other's, at least one). An event one of them
 * parked is one it has not applied. Both at zero means both had applied exactly the same events, so
 * their tables can be compared.
 */
export const positionDifference = async (
  tx: PoolClient,
  schema: string,
  first: string,
  second: string,
): Promise<PositionDifference> => {
  const { rows } = await tx.query<PositionDifference>(
    `with positions as (
       select topic, partition,
         coalesce(a.transaction_id, '0'::xid8) as a_tx, coalesce(a.global_position, -1) as a_pos,
         coalesce(a.events, 0) as a_events,
         coalesce(b.transaction_id, '0'::xid8) as b_tx, coalesce(b.global_position, -1) as b_pos,
         coalesce(b.events, 0) as b_events
       from (select * from ${schema}.consumer_positions where consumer = $1) a
       full join (select * from ${schema}.consumer_positions where consumer = $2) b using (topic, partition)),
     parked as (
       select consumer, event_id from ${schema}.dead_letters
       where consumer in ($1, $2) and event_type <> 'MalformedMessage')
     select
       (select coalesce(sum(greatest(a_events - b_events, 1)), 0) from positions
          where (a_tx, a_pos) > (b_tx, b_pos))::int
       + (select count(*) from (select event_id from parked where consumer = $2
            except select event_id from parked where consumer = $1) m)::int as "onlyInFirst",
       (select coalesce(sum(greatest(b_events - a_events, 1)), 0) from positions
          where (b_tx, b_pos) > (a_tx, a_pos))::int
       + (select count(*) from (select event_id from parked where consumer = $1
            except select event_id from parked where consumer = $2) m)::int as "onlyInSecond"`,
    [first, second],
  );
  return rows[0]!;
};
