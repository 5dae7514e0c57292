import type { Migration } from '@coe/event-store';

/** Bookkeeping of the read models' versions; the versions' own tables are created by rebuilds. */
export const projectionMigrations: Migration[] = [
  {
    id: 'projections-001-versions',
    sql: (s) => `
      -- every version of every read model; reports read the 'active' one
      create table ${s}.projection_versions (
        projection text not null,
        version integer not null,
        status text not null check (status in ('building', 'active', 'retired', 'dropped')),
        started_at timestamptz not null default now(),
        activated_at timestamptz,
        retired_at timestamptz,
        -- md5 of the canonical dump when the version was switched on, and when it was switched off
        checksum_at_activation text,
        checksum_at_retirement text,
        -- the other version of that switch, and whether both had applied exactly the same events
        compared_with integer,
        compared_at_same_position boolean,
        primary key (projection, version)
      );
      create unique index projection_versions_one_active on ${s}.projection_versions (projection)
        where status = 'active';
      create unique index projection_versions_one_building on ${s}.projection_versions (projection)
        where status = 'building';
      -- the last event each consumer applied per source (how old its data is, for the lag gauges)
      create table ${s}.projection_progress (
        consumer text not null,
        source text not null,
        last_global_position bigint not null,
        last_recorded_at timestamptz not null,
        primary key (consumer, source)
      );
    `,
  },
  {
    id: 'projections-002-replays',
    sql: (s) => `
      -- a replay's scratch version: filled like a rebuild, never switched to, dropped once compared
      alter table ${s}.projection_versions drop constraint projection_versions_status_check;
      alter table ${s}.projection_versions add constraint projection_versions_status_check
        check (status in ('building', 'active', 'retired', 'dropped', 'replay'));
      -- an auditor's replay check and its outcome (per-table counts and the first differences)
      create table ${s}.audit_replays (
        replay_id uuid primary key,
        projection text not null,
        scratch_version integer not null,
        status text not null check (status in ('running', 'completed', 'failed')),
        requested_by text not null,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        live_version integer,
        outcome jsonb,
        error text
      );
    `,
  },
  {
    id: 'projections-003-feeds',
    sql: (s) => `
      -- the Kafka consumer group a version shares with the versions created with it (one fetch and decode
      -- of each source's events for all of them); null: a group of its own
      alter table ${s}.projection_versions add column feed text;
    `,
  },
  {
    id: 'projections-004-known-sums-pending',
    sql: (s) => `
      -- a table of period sums as known at an instant whose spans from "since" on wait for a refresh:
      -- batches catching up leave them to one pass once the consumer has caught up (deferKnownSums)
      create table ${s}.known_sums_pending (
        sums_table text primary key,
        since timestamptz not null,
        marked_at timestamptz not null default now()
      );
    `,
  },
];
