import type { Migration } from '@coe/event-store';

/** This service's own tables, next to its events in the same schema; written in the events' transaction. */
export const mouNegotiationMigrations: Migration[] = [
  {
    id: 'mou-001-mous',
    sql: (s) => `
      -- one row per MOU: what GET /v1/mous shows, as of the MOU's stream version
      create table ${s}.mous (
        mou_id text primary key,
        seq bigint generated always as identity,
        mou_ref text not null,
        mission text not null,
        contributor text not null,
        unit_id text,
        status text not null,
        stream_version bigint not null,
        state jsonb not null
      );
      create unique index mous_mou_ref on ${s}.mous (mou_ref);
      -- one live MOU per unit; a withdrawn one leaves room for the next
      create unique index mous_live_unit on ${s}.mous (unit_id) where unit_id is not null and status <> 'withdrawn';
      create index mous_filters on ${s}.mous (mission, contributor, status, seq);
      create index mous_contributor on ${s}.mous (contributor, seq);

      -- the history summary of GET /v1/mous/{id}: one row per event
      create table ${s}.mou_history (
        mou_id text not null,
        stream_version bigint not null,
        event_type text not null,
        effective_on date,
        recorded_at timestamptz not null,
        actor jsonb not null,
        primary key (mou_id, stream_version)
      );
    `,
  },
  {
    id: 'mou-002-pending-unit-movements',
    sql: (s) => `
      -- force generation's deployments and repatriations of a unit whose MOU is not drafted yet
      create table ${s}.pending_unit_movements (
        unit_id text not null,
        movement text not null check (movement in ('deployed', 'repatriated')),
        moved_on date not null,
        event_id uuid not null,
        primary key (unit_id, movement)
      );
    `,
  },
  {
    id: 'mou-003-settings',
    sql: (s) => `
      -- configurable rules (DOMAIN.md: mission factors are commonly each up to 5%, but that is data)
      create table ${s}.settings (
        name text primary key,
        value text not null,
        updated_at timestamptz not null default now()
      );
      insert into ${s}.settings (name, value) values ('mission_factor_max_pct', '5.00');
    `,
  },
  {
    id: 'mou-004-documents',
    sql: (s) => `
      -- the documents each event names (their bytes are in the document store, by hash): the MOU's
      -- history shows them, and GET /v1/documents/{sha256} asks here whose MOU a hash belongs to
      create table ${s}.mou_documents (
        mou_id text not null,
        stream_version bigint not null,
        sha256 text not null,
        -- the order the command named them in
        position integer not null,
        title text not null,
        kind text not null,
        media_type text not null,
        size integer not null,
        primary key (mou_id, stream_version, sha256)
      );
      create index mou_documents_sha256 on ${s}.mou_documents (sha256);
    `,
  },
];
