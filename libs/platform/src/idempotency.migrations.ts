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
  {
    id: '0002-documents',
    sql: (s) => `
      -- content-addressed documents (the signed MOU, a note verbale, a report): events name them by hash
      create table ${s}.documents (
        sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
        media_type text not null,
        size integer not null check (size >= 0),
        content bytea not null,
        stored_at timestamptz not null default now()
      );
      -- PDFs and images are compressed already: store them out of line without trying again
      alter table ${s}.documents alter column content set storage external;
      create function ${s}.documents_unchanged() returns trigger language plpgsql as $$
      begin
        raise exception 'a stored document never changes: its hash is its identity';
      end $$;
      create trigger documents_unchanged before update on ${s}.documents
        for each row execute function ${s}.documents_unchanged();`,
  },
];
