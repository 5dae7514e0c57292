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
  {
    // Visit findings were recorded in the events but left out of the read tables' state: fill them in
    // from the events for rows written before.
    id: 'fg-004-visit-findings',
    sql: (s) => `
      update ${s}.pledges p set state = p.state
        || jsonb_build_object('assessmentVisits', coalesce((
             select jsonb_agg(jsonb_build_object('visitedOn', e.data->'visitedOn', 'outcome', e.data->'outcome',
                    'findings', coalesce(e.data->'findings', 'null'::jsonb)) order by e.stream_version)
               from ${s}.events e
              where e.stream_id = 'pledge-' || p.pledge_id and e.event_type = 'PledgeAssessmentVisitRecorded'), '[]'::jsonb))
        || jsonb_build_object('rdlVerificationVisits', coalesce((
             select jsonb_agg(jsonb_build_object('visitedOn', e.data->'visitedOn', 'outcome', e.data->'outcome',
                    'findings', coalesce(e.data->'findings', 'null'::jsonb)) order by e.stream_version)
               from ${s}.events e
              where e.stream_id = 'pledge-' || p.pledge_id and e.event_type = 'PledgeRdlVerificationVisitRecorded'), '[]'::jsonb));
      update ${s}.units u set state = u.state
        || jsonb_build_object('preDeploymentVisitFindings', coalesce((
             select jsonb_agg(jsonb_build_object('visitedOn', e.data->'visitedOn',
                    'findings', coalesce(e.data->'findings', 'null'::jsonb)) order by e.data->>'visitedOn', e.stream_version)
               from ${s}.events e
              where e.stream_id = 'unit-' || u.unit_id and e.event_type = 'UnitPreDeploymentVisitRecorded'), '[]'::jsonb));`,
  },
  {
    // A unit's MOUs, from mou-negotiation's published events (unit/unit.mou.projection.ts).
    id: 'fg-005-unit-mous',
    sql: (s) => `
      create table ${s}.unit_mous (
        mou_id text primary key,
        seq bigint generated always as identity,
        unit_id text not null,
        mou_ref text not null,
        status text not null,
        negotiation_opened_on date not null,
        signed_by_contributor_on date,
        signed_by_un_on date,
        in_force_on date
      );
      create index unit_mous_unit on ${s}.unit_mous (unit_id, seq);`,
  },
  {
    // which unit's inspection names which document (bytes in the document store, by hash), so that
    // GET /v1/documents/{sha256} serves it to whoever may read the unit
    id: 'fg-006-unit-documents',
    sql: (s) => `
      create table ${s}.unit_documents (
        unit_id text not null,
        sha256 text not null,
        primary key (unit_id, sha256)
      );
      create index unit_documents_sha256 on ${s}.unit_documents (sha256);`,
  },
];
