import type { PoolClient } from 'pg';

/** Events one consumer has applied and the other has not, read in the caller's snapshot. */
export type PositionDifference = { onlyInFirst: number; onlyInSecond: number };

/**
 * How far apart two consumers are, by the ids of the events each recorded as processed. Both at zero
 * means both had applied exactly the same events, so their tables can be compared.
 */
export const positionDifference = async (
  tx: PoolClient,
  schema: string,
  first: string,
  second: string,
): Promise<PositionDifference> => {
  const { rows } = await tx.query<PositionDifference>(
    `select
       (select count(*) from (select event_id from ${schema}.processed_events where consumer = $1
          except select event_id from ${schema}.processed_events where consumer = $2) m)::int as "onlyInFirst",
       (select count(*) from (select event_id from ${schema}.processed_events where consumer = $2
          except select event_id from ${schema}.processed_events where consumer = $1) e)::int as "onlyInSecond"`,
    [first, second],
  );
  return rows[0]!;
};
