import type { EventMetadata } from '@coe/event-store';
import { documentsOf } from '@coe/platform';
import type { AttachedDocument, UnitType } from '@coe/contracts';
import type { PoolClient } from 'pg';
import type { MouEvent } from './mou.events';
import type { Amendment, DraftedMou, MouStatus, NegotiationRound, Terms } from './mou.state';

/** An MOU as GET /v1/mous shows it. */
export type MouView = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  unitId: string | null;
  unitName: string;
  unitType: UnitType;
  status: MouStatus;
  negotiationOpenedOn: string;
  sentToPermanentMissionOn: string | null;
  signedByContributorOn: string | null;
  signedByUnOn: string | null;
  inForceOn: string | null;
  /** 0 until in force; the version of `annexes` once in force. */
  annexVersion: number;
  /** The terms in force (from `annexesEffectiveOn`), or the terms on the table before entry into force. */
  annexes: Terms;
  annexesEffectiveOn: string | null;
  negotiationRounds: NegotiationRound[];
  amendments: Amendment[];
  deployedOn: string | null;
  repatriatedOn: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  closedOn: string | null;
  /** The stream version, also the ETag. */
  version: number;
};

export type MouHistoryEntry = {
  version: number;
  type: string;
  effectiveOn: string | null;
  recordedAt: string;
  actor: EventMetadata['actor'];
  /** The documents the event names (`GET /v1/documents/{sha256}` serves each). */
  documents: AttachedDocument[];
};

export type MouDetail = MouView & { history: MouHistoryEntry[] };

export const mouView = (mou: DraftedMou, version: bigint): MouView => ({
  mouId: mou.mouId,
  mouRef: mou.mouRef,
  mission: mou.mission,
  contributor: mou.contributor,
  unitId: mou.unitId,
  unitName: mou.unitName,
  unitType: mou.unitType,
  status: mou.status,
  negotiationOpenedOn: mou.negotiationOpenedOn,
  sentToPermanentMissionOn: mou.sentToPermanentMissionOn,
  signedByContributorOn: mou.signatures.contributor ?? null,
  signedByUnOn: mou.signatures.un ?? null,
  inForceOn: mou.inForceOn,
  annexVersion: mou.annexVersion,
  annexes: mou.terms,
  annexesEffectiveOn: mou.termsEffectiveOn,
  negotiationRounds: mou.negotiationRounds,
  amendments: mou.amendments,
  deployedOn: mou.deployedOn,
  repatriatedOn: mou.repatriatedOn,
  withdrawnOn: mou.withdrawnOn,
  withdrawalReason: mou.withdrawalReason,
  closedOn: mou.closedOn,
  version: Number(version),
});

export type Appended = {
  state: DraftedMou;
  version: bigint;
  events: MouEvent[];
  metadata: EventMetadata;
  recordedAt: Date;
};

/** Writes the MOU's row and its new history entries, in the transaction that appended the events. */
export const saveMou = async (tx: PoolClient, schema: string, appended: Appended): Promise<void> => {
  const { state, version, events, metadata, recordedAt } = appended;
  const view = mouView(state, version);
  const first = version - BigInt(events.length) + 1n;
  // one round trip: the row and the history entries (imports write hundreds of MOUs)
  await tx.query(
    `with saved as (
       insert into ${schema}.mous (mou_id, mou_ref, mission, contributor, unit_id, status, stream_version, state)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (mou_id) do update set status = excluded.status, stream_version = excluded.stream_version,
         state = excluded.state
       returning mou_id
     )
     insert into ${schema}.mou_history (mou_id, stream_version, event_type, effective_on, recorded_at, actor)
     select saved.mou_id, $9::bigint + e.n - 1, e.type, e.effective_on::date, $10, $11
       from saved, unnest($12::text[], $13::text[]) with ordinality as e(type, effective_on, n)`,
    [
      view.mouId,
      view.mouRef,
      view.mission,
      view.contributor,
      view.unitId,
      view.status,
      version.toString(),
      view,
      first.toString(),
      recordedAt,
      metadata.actor,
      events.map((e) => e.type),
      events.map((e) => e.effectiveOn ?? null),
    ],
  );
  const attached = events.flatMap((event, i) =>
    documentsOf(event.data).map((document, position) => ({
      version: (first + BigInt(i)).toString(),
      position,
      ...document,
    })),
  );
  if (attached.length === 0) return;
  await tx.query(
    `insert into ${schema}.mou_documents (mou_id, stream_version, sha256, position, title, kind, media_type, size)
     select $1, d.version::bigint, d.sha256, d.position, d.title, d.kind, d.media_type, d.size
       from unnest($2::text[], $3::text[], $8::int[], $4::text[], $5::text[], $6::text[], $7::int[])
         as d(version, sha256, position, title, kind, media_type, size)`,
    [
      view.mouId,
      attached.map((d) => d.version),
      attached.map((d) => d.sha256),
      attached.map((d) => d.title),
      attached.map((d) => d.kind),
      attached.map((d) => d.mediaType),
      attached.map((d) => d.size),
      attached.map((d) => d.position),
    ],
  );
};
