import { contractHandler, type EventHandler, MessagingRuntime } from '@coe/messaging';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { ReadTables } from '../force-generation.read-tables';

/** A unit's MOU as force generation learns it from mou-negotiation's published events. */
export type UnitMou = {
  mouId: string;
  mouRef: string;
  status: 'negotiating' | 'in-force' | 'withdrawn' | 'closed';
  negotiationOpenedOn: string;
  signedByContributorOn: string | null;
  signedByUnOn: string | null;
  inForceOn: string | null;
};

// Events of one MOU arrive in stream order; an MOU drafted without a unit force generation knows is
// not kept, and the later events of such an MOU update no row.
export const unitMouProjection = (schema: string): EventHandler => {
  const table = `${schema}.unit_mous`;
  const setStatus = async (tx: PoolClient, mouId: string, status: UnitMou['status']): Promise<void> => {
    await tx.query(`update ${table} set status = $2 where mou_id = $1`, [mouId, status]);
  };
  return contractHandler('mou-negotiation', 'force-generation.unit-mous', {
    MouDrafted: async ({ data: mou }, tx) => {
      if (mou.unitId === null) return;
      await tx.query(
        `insert into ${table} (mou_id, unit_id, mou_ref, status, negotiation_opened_on)
         values ($1, $2, $3, 'negotiating', $4) on conflict (mou_id) do nothing`,
        [mou.mouId, mou.unitId, mou.mouRef, mou.negotiationOpenedOn],
      );
    },
    MouSigned: async ({ data: { mouId, party, signedOn } }, tx) => {
      const column = party === 'un' ? 'signed_by_un_on' : 'signed_by_contributor_on';
      await tx.query(`update ${table} set ${column} = $2 where mou_id = $1`, [mouId, signedOn]);
    },
    MouEnteredIntoForce: async ({ data: { mouId, inForceOn } }, tx) => {
      await tx.query(`update ${table} set status = 'in-force', in_force_on = $2 where mou_id = $1`, [
        mouId,
        inForceOn,
      ]);
    },
    MouWithdrawn: ({ data }, tx) => setStatus(tx, data.mouId, 'withdrawn'),
    MouClosed: ({ data }, tx) => setStatus(tx, data.mouId, 'closed'),
  });
};

/** The MOUs of a unit, oldest first (a withdrawn MOU and the one that replaced it). */
export const findUnitMous = async (pool: Pool, schema: string, unitId: string): Promise<UnitMou[]> => {
  const { rows } = await pool.query<UnitMou>(
    `select mou_id as "mouId", mou_ref as "mouRef", status,
            to_char(negotiation_opened_on, 'YYYY-MM-DD') as "negotiationOpenedOn",
            to_char(signed_by_contributor_on, 'YYYY-MM-DD') as "signedByContributorOn",
            to_char(signed_by_un_on, 'YYYY-MM-DD') as "signedByUnOn",
            to_char(in_force_on, 'YYYY-MM-DD') as "inForceOn"
       from ${schema}.unit_mous where unit_id = $1 order by seq`,
    [unitId],
  );
  return rows;
};

/** Registers the projection with the process's transport (in-process, or Kafka in distributed mode). */
@Injectable()
export class UnitMouProjection implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly tables: ReadTables,
  ) {}

  onModuleInit(): void {
    this.runtime.registerHandler({
      handler: unitMouProjection(this.tables.schema),
      schema: this.tables.schema,
      sources: ['mou-negotiation'],
    });
  }
}
