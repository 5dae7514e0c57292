import type { Migration } from '@coe/event-store';

// The service's own read tables, next to its events in the same schema and written in the same
// transaction as them. `seq` gives lists a stable order (the order things were first recorded).
export const forceGenerationMigrations: Migration[] = [
  {
    id: 'fg-001-surs',
    sql: (s) => `
      create table ${s}.surs (
        sur_id text primary key,
        seq bigint generated always as identity,
        mission text not null,
        unit_type text not null,
        current_version integer not null,
        stream_version bigint not null,
        state jsonb not null
      );
      create index surs_mission on ${s}.surs (mission, unit_type, seq);`,
  },
  {
    id: 'fg-002-pledges',
    sql: (s) => `
      create table ${s}.pledges (
        pledge_id text primary key,
        seq bigint generated always as identity,
        contributor text not null,
        unit_type text not null,
        level text not null,
        status text not null,
        mission text,
        stream_version bigint not null,
        state jsonb not null
      );
      create index pledges_contributor on ${s}.pledges (contributor, seq);
      create index pledges_mission on ${s}.pledges (mission, seq);`,
  },
  {
    id: 'fg-003-units',
    sql: (s) => `
      create table ${s}.units (
        unit_id text primary key,
        seq bigint generated always as identity,
        pledge_id text not null unique,
        mission text not null,
        contributor text not null,
        status text not null,
        stream_version bigint not null,
        state jsonb not null
      );
      create index units_mission on ${s}.units (mission, seq);
      create index units_contributor on ${s}.units (contributor, seq);`,
  },
];
