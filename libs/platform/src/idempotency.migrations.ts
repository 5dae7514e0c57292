import type { Migration } from '@coe/event-store';

/** Schema of the platform's own tables. */
export const PLATFORM_SCHEMA = 'platform';

export const platformMigrations: Migration[] = [
  {
    id: '0001-idempotency-keys',
    sql: (s) => `
      create table ${s}.idempotency_keys (
        actor text not null,
        method text not null,
        path text not null,
        idempotency_key text not null,
        request_hash text not null,
        state text not null check (state in ('pending', 'completed')),
        status_code integer,
        response_body text,
        response_headers jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (actor, method, path, idempotency_key)
      );
      comment on table ${s}.idempotency_keys is
        'POST responses by Idempotency-Key (CONTRACT.md section 3); a pending row marks a request in progress';`,
  },
];
